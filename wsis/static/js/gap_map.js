// The gap analysis's world map: Natural Earth's countries (world-atlas, keyed by ISO 3166
// numeric code) coloured by Internet use or by the chosen line's initiatives. A country
// without a figure stays grey and says "no data": it is never coloured as a zero.
document.addEventListener("DOMContentLoaded", async () => {
  const element = document.getElementById("gap-map");
  const rows = JSON.parse(document.getElementById("gap-map-data").textContent);
  const topology = await (await fetch(element.dataset.world)).json();
  const world = topojson.feature(topology, topology.objects.countries);
  const byNumeric = new Map(rows.filter((row) => row.numeric).map((row) => [row.numeric, row]));
  world.features.forEach((feature) => {
    const row = byNumeric.get(String(feature.id).padStart(3, "0"));
    feature.properties.name = row ? row.code : `n${feature.id}`;
  });
  echarts.registerMap("world", world);
  const chart = echarts.init(element);
  const draw = (measure) => {
    const values = rows.map((row) => row[measure]).filter((value) => value !== null);
    chart.setOption({
      tooltip: {
        trigger: "item",
        formatter: (item) => {
          const row = item.data && item.data.row;
          if (!row) return "";
          const use = row.internet_use === null ? element.dataset.noData : `${row.internet_use} %`;
          return `${row.name}<br>${element.dataset.useLabel}: ${use}<br>${element.dataset.countLabel}: ${row.count}`;
        },
      },
      visualMap: {
        min: 0, max: Math.max(1, ...values), calculable: true, left: "left", bottom: 10,
        inRange: { color: measure === "internet_use" ? ["#b02a37", "#e0a100", "#198754"] : ["#e8eef5", "#0a4f8a"] },
      },
      series: [{
        type: "map", map: "world", roam: true, nameProperty: "name",
        itemStyle: { areaColor: "#d9d9d9", borderColor: "#fff" },
        data: rows.filter((row) => row[measure] !== null).map((row) => ({ name: row.code, value: row[measure], row })),
      }],
    }, true);
  };
  draw("internet_use");
  document.querySelectorAll("input[name=map-measure]").forEach((input) =>
    input.addEventListener("change", () => draw(input.value)));
  window.addEventListener("resize", () => chart.resize());
});
