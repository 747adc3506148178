// The matrix heat map (ECharts): rows are Action Lines, columns SDG goals then GDC objectives.
// The table beside it carries the same numbers for screen readers and without JavaScript.
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("matrix-heatmap");
    var source = document.getElementById("matrix-heatmap-data");
    if (!holder || !source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var rtl = document.documentElement.dir === "rtl";
    var xLabels = data.columns.map(function (c) { return c.label; });
    var yLabels = data.rows.map(function (r) { return r.code; });
    var points = [];
    var max = 1;
    data.rows.forEach(function (row, y) {
      row.cells.forEach(function (cell, x) {
        max = Math.max(max, cell.count);
        points.push({
          value: [x, y, cell.count],
          url: cell.url,
          label: { fontWeight: cell.linked ? "bold" : "normal" },
          itemStyle: cell.linked ? { borderColor: "#0b3d91", borderWidth: 2 } : {}
        });
      });
    });
    var chart = window.echarts.init(holder, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { top: 10, bottom: 70, left: rtl ? 10 : 110, right: rtl ? 110 : 10 },
      tooltip: {
        formatter: function (p) {
          var column = data.columns[p.value[0]];
          return yLabels[p.value[1]] + " × " + column.label + " (" + column.name + "): " + p.value[2];
        }
      },
      xAxis: { type: "category", data: xLabels, inverse: rtl, axisLabel: { rotate: 45, interval: 0 } },
      yAxis: { type: "category", data: yLabels, inverse: true, position: rtl ? "right" : "left" },
      visualMap: {
        min: 0, max: max, show: false,
        inRange: { color: ["#f7fbff", "#6baed6", "#08306b"] }
      },
      series: [{
        type: "heatmap",
        data: points,
        label: { show: true, fontSize: 10 },
        emphasis: { itemStyle: { shadowBlur: 6 } }
      }]
    });
    chart.on("click", function (p) { if (p.data && p.data.url) window.location.href = p.data.url; });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
