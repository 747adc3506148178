// One indicator's series as lines; a year without data is null, drawn as a gap, never as zero.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("indicator-chart");
  const data = JSON.parse(document.getElementById("indicator-chart-data").textContent);
  const rtl = document.documentElement.dir === "rtl";
  const chart = echarts.init(element);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { top: 40, left: 50, right: 30, bottom: 30 },
    xAxis: { type: "category", data: data.years.map(String), inverse: rtl },
    yAxis: { type: "value", position: rtl ? "right" : "left" },
    series: data.series.map((line) => ({
      name: line.name, type: "line", data: line.values, connectNulls: false, symbolSize: 8,
    })),
  });
  window.addEventListener("resize", () => chart.resize());
});
