// Plotly charts of the dashboard: the dyad cooperation/conflict timeline and the events map.
"use strict";

Accord.charts = (function () {
  // Goldstein -10 (conflict, red) .. +10 (cooperation, green); plotly.js has no RdYlGn by name.
  const GOLDSTEIN = [[0, "#b2182b"], [0.5, "#f2f2f2"], [1, "#1b7837"]];
  const DAY = 86400000;
  const PERIOD_MS = { day: DAY, week: 7 * DAY, month: 30.44 * DAY, year: 365.25 * DAY };
  const CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };

  function message(id, text) {
    const node = document.getElementById(id);
    if (window.Plotly) Plotly.purge(node);
    node.replaceChildren(Accord.el("p", { class: "muted empty-chart" }, text));
  }

  // Stacked bars of events per QuadClass (both directions together) over the mean Goldstein line.
  function dyad(id, data) {
    const both = data.rows.filter(r => r.direction === `${data.a}<->${data.b}`);
    if (!both.length) {
      message(id, `No dated events between ${data.a} and ${data.b}.`);
      return 0;
    }
    const x = both.map(r => r.period);
    // bars one period wide, and the axis padded by a period: a single period still reads well
    const step = PERIOD_MS[data.by] || PERIOD_MS.week;
    const mid = period => Date.parse(period) + step / 2;
    const first = Date.parse(x[0]) - step, last = Date.parse(x[x.length - 1]) + 2 * step;
    const traces = Object.values(Accord.QUADS).map(q => ({
      type: "bar", name: q.name, x, y: both.map(r => r[q.key]), marker: { color: q.color },
      width: step * 0.8, offset: step * 0.1,
      hovertemplate: `%{x}: %{y} ${q.name.toLowerCase()}<extra></extra>`,
    }));
    for (const [direction, dash] of [[`${data.a}->${data.b}`, "solid"], [`${data.b}->${data.a}`, "dot"]]) {
      const part = data.rows.filter(r => r.direction === direction);
      if (part.length) {
        traces.push({ type: "scatter", mode: "lines+markers", name: `${direction} events`,
          x: part.map(r => mid(r.period)), y: part.map(r => r.events), line: { color: "#444", dash, width: 1 },
          marker: { size: 5 } });
      }
    }
    traces.push({
      type: "scatter", mode: "lines+markers", name: "mean Goldstein", x: x.map(mid), y: both.map(r => r.goldstein_mean),
      yaxis: "y2", line: { color: "#333" }, marker: { size: 7, color: both.map(r => r.goldstein_mean),
        colorscale: GOLDSTEIN, cmin: -10, cmax: 10 },
      hovertemplate: "%{x}: mean Goldstein %{y:.1f}<extra></extra>",
    });
    const node = document.getElementById(id);
    Plotly.purge(node);  // a fresh plot: the node may hold an old one or a message
    node.replaceChildren();
    Plotly.newPlot(node, traces, {
      title: { text: `${data.a} and ${data.b}: events by ${data.by}`, y: 0.97 },
      barmode: "stack", margin: { t: 90, r: 20, b: 40, l: 60 }, height: 480,
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      xaxis: { type: "date", anchor: "y2", range: [first, last] },
      yaxis: { title: { text: "events" }, domain: [0.38, 1], rangemode: "tozero" },
      yaxis2: { title: { text: "Goldstein" }, domain: [0, 0.3], range: [-10.5, 10.5], zeroline: true },
    }, CONFIG);
    return both.length;
  }

  // Located places on plain longitude/latitude axes (no outlines: nothing is downloaded).
  function map(id, places, onPlace) {
    if (!places.length) {
      message(id, "No events with a location in this database.");
      return 0;
    }
    const node = document.getElementById(id);
    Plotly.purge(node);  // a fresh plot: the node may hold an old one or a message
    node.replaceChildren();
    const trace = {
      type: "scatter", mode: "markers+text", x: places.map(p => p.lon), y: places.map(p => p.lat),
      text: places.map(p => p.name), textposition: "top center", textfont: { size: 10 },
      customdata: places.map(p => [p.country, p.events, p.goldstein_mean]),
      hovertemplate: "%{text} (%{customdata[0]}): %{customdata[1]} events, mean Goldstein %{customdata[2]:.1f}<extra></extra>",
      marker: { size: places.map(p => 8 + 6 * Math.sqrt(p.events)), color: places.map(p => p.goldstein_mean),
        colorscale: GOLDSTEIN, cmin: -10, cmax: 10, line: { color: "#333", width: 1 },
        colorbar: { title: { text: "Goldstein" } } },
    };
    Plotly.newPlot(node, [trace], {
      margin: { t: 20, r: 20, b: 40, l: 50 }, height: 520,
      xaxis: { range: [-180, 180], dtick: 30, title: { text: "longitude" }, zeroline: false, constrain: "domain" },
      yaxis: { range: [-90, 90], dtick: 30, title: { text: "latitude" }, scaleanchor: "x", zeroline: false, constrain: "domain" },
      plot_bgcolor: "#eef4fa",
    }, CONFIG);
    node.on("plotly_click", ev => { if (ev.points.length) onPlace(places[ev.points[0].pointIndex]); });
    return places.length;
  }

  return { dyad, map, message };
})();
