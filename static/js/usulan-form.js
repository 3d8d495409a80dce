// Proposal form: the fields of the external steps (Pertek BKN, Gubernur/Mendagri) and the other
// government's name only show for a transfer out of or into the city (keluar/masuk).
(function () {
  "use strict";
  var LUAR = ["instansi_luar", "nomor_pertek", "tanggal_pertek", "pejabat_keputusan_luar",
    "nomor_keputusan_luar", "tanggal_keputusan_luar"];

  function atur() {
    var jenis = document.querySelector("select[name=jenis]");
    if (!jenis) return;
    var luar = jenis.value === "keluar" || jenis.value === "masuk";
    LUAR.forEach(function (nama) {
      var kotak = document.getElementById("div_id_" + nama);
      if (kotak) kotak.hidden = !luar;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    atur();
    var jenis = document.querySelector("select[name=jenis]");
    if (jenis) jenis.addEventListener("change", atur);
  });
})();
