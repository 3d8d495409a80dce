// The dashboard's bar chart: surplus (lebih, amber) and shortage (kurang, red) per instansi.
// Data comes from the <script id="data-grafik"> JSON (views.konteks_dasbor); clicking a bar
// opens the result list filtered by that instansi and state. The same figures and links are in
// the table under the chart for keyboards and screen readers.
(function () {
  "use strict";
  var kanvas = document.getElementById("grafik-instansi");
  var sumber = document.getElementById("data-grafik");
  if (!kanvas || !sumber || typeof Chart === "undefined") return;
  var data = JSON.parse(sumber.textContent);
  var gaya = getComputedStyle(document.documentElement);
  var warna = function (nama, cadangan) {
    return (gaya.getPropertyValue(nama) || "").trim() || cadangan;
  };
  var angka = new Intl.NumberFormat("id-ID");
  // Many agencies: horizontal bars, so every name stays readable.
  var mendatar = data.label.length > 12;
  var sumbuOrang = { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "orang" } };
  var grafik = new Chart(kanvas, {
    type: "bar",
    data: {
      labels: data.label,
      datasets: [
        { label: "Lebih", data: data.lebih, backgroundColor: warna("--mutasi-lebih", "#7e5109"), urls: data.url_lebih },
        { label: "Kurang", data: data.kurang, backgroundColor: warna("--mutasi-kurang", "#a93226"), urls: data.url_kurang },
      ],
    },
    options: {
      indexAxis: mendatar ? "y" : "x",
      maintainAspectRatio: false,
      animation: false,
      locale: "id-ID",
      scales: mendatar ? { x: sumbuOrang } : { y: sumbuOrang },
      plugins: {
        legend: { position: "top" },
        tooltip: {
          callbacks: {
            label: function (ctx) { return ctx.dataset.label + ": " + angka.format(ctx.raw) + " orang (klik untuk daftar)"; },
          },
        },
      },
      onHover: function (evt, elemen) {
        evt.native.target.style.cursor = elemen.length ? "pointer" : "default";
      },
      onClick: function (evt, elemen) {
        if (!elemen.length) return;
        var el = elemen[0];
        var url = grafik.data.datasets[el.datasetIndex].urls[el.index];
        if (url) window.location.assign(url);
      },
    },
  });
  kanvas.dataset.siap = "1";
})();
