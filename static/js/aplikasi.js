// Page behaviour without inline scripts or styles, which the Content-Security-Policy forbids
// (tests/keamanan/test_csp.py fails on any left in a template). Declared in the markup:
//   data-kirim-saat-ubah   on a <select>: submits its form when the choice changes
//   data-cetak             on a button: prints the page
//   data-kembali           on a link: goes back one page
//   data-konfirmasi="…"    on a <form>: asks before submitting
//   data-lebar="42%"       sets the element's width (progress bars, tree indents)
//   data-tinggi="320px"    sets its height (chart boxes)
// Sizes go through the CSSOM (element.style), which a CSP without 'unsafe-inline' allows.
(function () {
  "use strict";

  function ukur(akar) {
    var daftar = akar.querySelectorAll ? akar.querySelectorAll("[data-lebar],[data-tinggi]") : [];
    Array.prototype.forEach.call(daftar, function (el) {
      if (el.dataset.lebar) el.style.width = el.dataset.lebar;
      if (el.dataset.tinggi) el.style.height = el.dataset.tinggi;
    });
  }

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("[data-kirim-saat-ubah]") && el.form) el.form.submit();
  });

  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("[data-cetak],[data-kembali]") : null;
    if (!el) return;
    e.preventDefault();
    if (el.hasAttribute("data-cetak")) window.print();
    else window.history.back();
  });

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.dataset && form.dataset.konfirmasi && !window.confirm(form.dataset.konfirmasi)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  // htmx calls this for the page and again for every fragment it swaps in (progress boxes).
  if (window.htmx) window.htmx.onLoad(ukur);
  else document.addEventListener("DOMContentLoaded", function () { ukur(document); });
})();
