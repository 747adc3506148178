// One indicator's series as lines over a time axis (years as numbers, so that 2005 to 2024 is
// wider than 2024 to 2025). A year without data is null, drawn as a gap, never as zero; a
// series of one point shows its point.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("indicator-chart");
  const data = JSON.parse(document.getElementById("indicator-chart-data").textContent);
  const rtl = document.documentElement.dir === "rtl";
  const chart = echarts.init(element);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item", formatter: (item) => `${item.seriesName}<br>${item.value[0]}: ${item.value[1]}` },
    legend: { type: "scroll", top: 0 },
    grid: { top: 40, left: 50, right: 50, bottom: 30 },
    xAxis: {
      type: "value", min: data.years[0] - 1, max: data.years[data.years.length - 1] + 1, inverse: rtl,
      minInterval: 1, axisLabel: { formatter: (year) => String(year) },
    },
    yAxis: { type: "value", position: rtl ? "right" : "left" },
    series: data.series.map((line) => ({
      name: line.name, type: "line", connectNulls: false, showSymbol: true, symbolSize: 8,
      data: data.years.map((year, i) => [year, line.values[i]]).filter((_, i) => line.values[i] !== "missing"),
    })),
  });
  window.addEventListener("resize", () => chart.resize());
});
