// Searchable select for large lists (see mutasi_asn/widgets.py PilihCari): a search box above
// a <select data-pilih-cari="URL">; typing asks URL?q=… and fills the select with the answers.
(function () {
  "use strict";

  function pasang(select) {
    if (select.dataset.pilihCariTerpasang) return;
    select.dataset.pilihCariTerpasang = "1";
    var kotak = document.createElement("input");
    kotak.type = "search";
    kotak.className = "form-control form-control-sm mb-1";
    kotak.placeholder = "Ketik untuk mencari (nama atau kode)…";
    kotak.setAttribute("aria-label", "Cari pilihan " + (select.name || ""));
    kotak.dataset.testid = "cari-" + (select.name || "pilihan");
    select.parentNode.insertBefore(kotak, select);
    var catatan = document.createElement("div");
    catatan.className = "form-text text-warning-emphasis";
    catatan.dataset.testid = "terpotong-" + (select.name || "pilihan");
    catatan.setAttribute("role", "status");
    catatan.hidden = true;
    select.parentNode.insertBefore(catatan, select.nextSibling);
    var jeda = null;
    var urutan = 0;

    function isi(hasil) {
      var terpilih = select.value;
      Array.prototype.slice.call(select.options).forEach(function (opt) {
        if (opt.value && opt.value !== terpilih) opt.remove();
      });
      hasil.forEach(function (h) {
        if (String(h.id) === terpilih) return;
        select.add(new Option(h.teks, h.id));
      });
      select.size = hasil.length ? Math.min(hasil.length + 1, 8) : 0;
    }

    kotak.addEventListener("input", function () {
      clearTimeout(jeda);
      var q = kotak.value.trim();
      if (q.length < 2) return;
      jeda = setTimeout(function () {
        var ini = ++urutan;
        var url = select.dataset.pilihCari + "?q=" + encodeURIComponent(q);
        // data-pilih-cari-sertakan="[name=a],[name=b]": those fields' values go along (filters).
        if (select.dataset.pilihCariSertakan) {
          document.querySelectorAll(select.dataset.pilihCariSertakan).forEach(function (el) {
            if (el.name && el.value) url += "&" + encodeURIComponent(el.name) + "=" + encodeURIComponent(el.value);
          });
        }
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) {
            // The session ended: the answer is the sign-in page. Reload so the browser goes
            // there (and comes back to this page), instead of silently finding nothing.
            if (r.redirected && new URL(r.url).pathname.indexOf("/masuk/") === 0) {
              window.location.reload();
              return { hasil: [] };
            }
            return r.ok ? r.json() : { hasil: [] };
          })
          .then(function (data) {
            if (ini !== urutan) return;
            isi(data.hasil || []);
            // A cut list says so, instead of silently showing only the first rows.
            catatan.textContent = data.terpotong ? data.pesan || "Hasil dipotong." : "";
            catatan.hidden = !data.terpotong;
          })
          .catch(function () {});
      }, 250);
    });
    select.addEventListener("change", function () { select.size = 0; });
  }

  function pasangSemua(akar) {
    (akar || document).querySelectorAll("select[data-pilih-cari]").forEach(pasang);
  }
  document.addEventListener("DOMContentLoaded", function () { pasangSemua(document); });
  document.addEventListener("htmx:load", function (e) { pasangSemua(e.target); });
})();
