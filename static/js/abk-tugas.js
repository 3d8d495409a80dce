// The inline task table of a jabatan's ABK page (Django formset, prefix "tugas"):
// add a row from the <template>, remove a row (ticks its DELETE box and hides it), and show
// each row's workload (volume × norma waktu) and the total while typing.
(function () {
  "use strict";
  var form = document.getElementById("form-tugas");
  if (!form) return;
  var badan = document.getElementById("baris-tugas");
  var total = form.querySelector("#id_tugas-TOTAL_FORMS");
  var templat = document.getElementById("templat-baris");
  var format = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  // Indonesian notation: "1.200,5" → 1200.5; a lone comma is the decimal separator.
  function angka(teks) {
    teks = (teks || "").trim().replace(/\s/g, "");
    if (!teks) return 0;
    if (teks.indexOf(",") >= 0) teks = teks.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+$/.test(teks)) teks = teks.replace(/\./g, "");
    var n = parseFloat(teks);
    return isNaN(n) ? 0 : n;
  }

  function hitung() {
    var jumlah = 0;
    badan.querySelectorAll("tr.baris-tugas").forEach(function (tr) {
      if (tr.classList.contains("d-none")) return;
      var v = tr.querySelector("input[name$='-volume']");
      var n = tr.querySelector("input[name$='-norma_waktu_menit']");
      var beban = angka(v && v.value) * angka(n && n.value);
      jumlah += beban;
      tr.querySelector(".beban-baris").textContent = format.format(beban);
    });
    document.getElementById("total-beban-langsung").textContent = format.format(jumlah);
  }

  document.getElementById("tambah-baris").addEventListener("click", function () {
    var i = parseInt(total.value, 10);
    var html = templat.innerHTML.replace(/__prefix__/g, String(i));
    badan.insertAdjacentHTML("beforeend", html);
    total.value = String(i + 1);
    var baru = badan.lastElementChild.querySelector("textarea, input:not([type=hidden])");
    if (baru) baru.focus();
    hitung();
  });

  badan.addEventListener("click", function (e) {
    var tombol = e.target.closest(".hapus-baris");
    if (!tombol) return;
    var tr = tombol.closest("tr");
    var hapus = tr.querySelector("input[name$='-DELETE']");
    if (hapus) hapus.checked = true;
    tr.classList.add("d-none");
    hitung();
  });

  badan.addEventListener("input", hitung);
  hitung();
})();
