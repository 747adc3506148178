// Each roadmap target's chart: the recorded values over a time axis beside the straight path
// from the baseline to the target. A "no data" record is null, drawn as a gap in the line,
// never as zero.
document.addEventListener("DOMContentLoaded", () => {
  const rtl = document.documentElement.dir === "rtl";
  for (const element of document.querySelectorAll(".roadmap-chart")) {
    const data = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    const chart = echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: (item) => `${item.seriesName}<br>${item.value[0]}: ${item.value[1]}` },
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 50, bottom: 30 },
      xAxis: { type: "time", inverse: rtl },
      yAxis: { type: "value", scale: true, position: rtl ? "right" : "left" },
      series: [
        { name: element.dataset.valuesLabel, type: "line", connectNulls: false, showSymbol: true, symbolSize: 8, data: data.values },
        { name: element.dataset.pathLabel, type: "line", showSymbol: true, lineStyle: { type: "dashed" }, data: data.path },
      ],
    });
    window.addEventListener("resize", () => chart.resize());
  }
});
