// The plan page's chart: shortage per instansi before (red) and after (green) the plan.
// Data comes from the <script id="data-grafik-rencana"> JSON (rencana/views.grafik_rencana); the
// same figures are in the EU/PU table under it for keyboards and screen readers.
(function () {
  "use strict";
  var kanvas = document.getElementById("grafik-rencana");
  var sumber = document.getElementById("data-grafik-rencana");
  if (!kanvas || !sumber || typeof Chart === "undefined") return;
  var data = JSON.parse(sumber.textContent);
  var gaya = getComputedStyle(document.documentElement);
  var warna = function (nama, cadangan) {
    return (gaya.getPropertyValue(nama) || "").trim() || cadangan;
  };
  var angka = new Intl.NumberFormat("id-ID");
  var mendatar = data.label.length > 12;
  var sumbu = { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "orang kurang" } };
  new Chart(kanvas, {
    type: "bar",
    data: {
      labels: data.label,
      datasets: [
        { label: "Sebelum", data: data.sebelum, backgroundColor: warna("--mutasi-kurang", "#a93226") },
        { label: "Sesudah", data: data.sesudah, backgroundColor: warna("--mutasi-sesuai", "#196f3d") },
      ],
    },
    options: {
      indexAxis: mendatar ? "y" : "x",
      maintainAspectRatio: false,
      animation: false,
      locale: "id-ID",
      scales: mendatar ? { x: sumbu } : { y: sumbu },
      plugins: {
        legend: { position: "top" },
        tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + angka.format(ctx.raw) + " orang"; } } },
      },
    },
  });
  kanvas.dataset.siap = "1";
})();
