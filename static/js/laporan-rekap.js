// The rekap page: charts of proposals per kind, step durations and the ABK shortage per agency
// before/after, from the <script id="data-rekap"> JSON (views_laporan.RekapView); the same figures
// are in the tables beside them. The print button prints the page (no inline handlers: CSP).
(function () {
  "use strict";
  document.querySelectorAll("[data-cetak]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  var sumber = document.getElementById("data-rekap");
  if (!sumber || typeof Chart === "undefined") return;
  var data = JSON.parse(sumber.textContent);
  var gaya = getComputedStyle(document.documentElement);
  var warna = function (nama, cadangan) {
    return (gaya.getPropertyValue(nama) || "").trim() || cadangan;
  };
  var kolom = function (baris, i) { return baris.map(function (b) { return b[i]; }); };
  var buat = function (id, konfigurasi) {
    var kanvas = document.getElementById(id);
    if (kanvas) new Chart(kanvas, konfigurasi);
  };
  var dasar = { maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } } };
  buat("grafik-jenis", {
    type: "bar",
    data: { labels: kolom(data.jenis, 0), datasets: [{ label: "Usulan", data: kolom(data.jenis, 1), backgroundColor: "#1f4e79" }] },
    options: Object.assign({}, dasar, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }),
  });
  buat("grafik-durasi", {
    type: "bar",
    data: {
      labels: kolom(data.durasi, 0),
      datasets: [
        { label: "Median", data: kolom(data.durasi, 1), backgroundColor: "#5dade2" },
        { label: "P90", data: kolom(data.durasi, 2), backgroundColor: "#1f4e79" },
      ],
    },
    options: Object.assign({}, dasar, { scales: { y: { beginAtZero: true, title: { display: true, text: "hari" } } } }),
  });
  buat("grafik-dampak", {
    type: "bar",
    data: {
      labels: kolom(data.dampak, 0),
      datasets: [
        { label: "Kekurangan sebelum", data: kolom(data.dampak, 1), backgroundColor: warna("--mutasi-lebih", "#d68910") },
        { label: "Kekurangan sesudah", data: kolom(data.dampak, 2), backgroundColor: warna("--mutasi-kurang", "#c0392b") },
      ],
    },
    options: Object.assign({}, dasar, { indexAxis: "y" }),
  });
})();
