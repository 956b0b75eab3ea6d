// The dashboard's views and navigation: overview, dyad picker, event table, article, quotes, map.
// The URL hash says what is shown (#dyad/RUS/IRQ, #article/<doc_id>/<event_id>, #events?...).
"use strict";

(function () {
  const el = Accord.el;
  const PAGE = 50;
  const state = { offset: 0, total: 0, filters: {}, actorsLoaded: false, mapLoaded: false };

  function showTab(name) {
    for (const section of document.querySelectorAll(".tab")) section.hidden = section.id !== "tab-" + name;
    for (const button of document.querySelectorAll("#tabs button")) {
      button.setAttribute("aria-selected", String(button.dataset.tab === name));
    }
  }

  function go(hash) {
    if (window.location.hash === hash) route(); else window.location.hash = hash;
  }

  async function guarded(work) {
    try { Accord.status(""); return await work(); } catch (err) { Accord.status(err.message, true); return null; }
  }

  // -- overview --------------------------------------------------------------------------------
  async function loadOverview() {
    const [summary, dyads, actors, codes] = await Promise.all([
      Accord.api("summary"), Accord.api("top/dyads", { n: 15 }), Accord.api("top/actors", { n: 15 }),
      Accord.api("top/codes", { n: 15 })]);
    const c = summary.counts;
    document.getElementById("counts").textContent =
      `${c.documents} documents · ${c.events} events (${c.story_events} once per story) · ${c.quotes} quotes · ` +
      `${c.first_date || "?"} to ${c.last_date || "?"}`;
    Accord.table(document.getElementById("top-dyads"), dyads.rows, [
      { label: "source", key: "source" }, { label: "target", key: "target" },
      { label: "events", key: "events", numeric: true },
      { label: "Goldstein", key: "goldstein_mean", numeric: true, format: r => Accord.fmt(r.goldstein_mean, 1) }],
    r => go(`#dyad/${r.source}/${r.target}`), "no dyads yet");
    Accord.table(document.getElementById("top-actors"), actors.rows, [
      { label: "actor", key: "actor" }, { label: "events", key: "events", numeric: true },
      { label: "as source", key: "as_source", numeric: true }, { label: "as target", key: "as_target", numeric: true }],
    r => go(`#events?country=${encodeURIComponent(r.actor)}`), "no actors yet");
    Accord.table(document.getElementById("top-codes"), codes.rows, [
      { label: "code", key: "code" }, { label: "label", key: "label", format: r => Accord.clip(r.label, 40) },
      { label: "", key: "quad_class", format: r => Accord.quadBadge(r.quad_class) },
      { label: "events", key: "events", numeric: true }],
    r => go(`#events?code=${encodeURIComponent(r.code)}`), "no codes yet");
    Accord.table(document.getElementById("by-quad"), summary.by_quad, [
      { label: "", key: "quad_class", format: r => Accord.quadBadge(r.quad_class) },
      { label: "QuadClass", key: "label" }, { label: "events", key: "events", numeric: true },
      { label: "reports", key: "mentions", numeric: true }]);
    const select = document.getElementById("root-select");
    if (select.options.length === 1) {
      for (let r = 1; r <= 20; r++) {
        const code = String(r).padStart(2, "0");
        const label = (summary.by_root.find(x => x.root_code === code) || {}).label;
        select.append(el("option", { value: code }, label ? `${code} ${Accord.clip(label, 28)}` : code));
      }
    }
    return dyads.rows;
  }

  // -- dyad picker ---------------------------------------------------------------------------------
  async function fillActors() {
    if (state.actorsLoaded) return;
    const actors = await Accord.api("top/actors", { n: 200 });
    for (const id of ["dyad-a", "dyad-b"]) {
      const select = document.getElementById(id);
      select.replaceChildren(...actors.rows.map(r => el("option", { value: r.actor }, `${r.actor} (${r.events})`)));
    }
    state.actorsLoaded = true;
  }

  function ensureOption(select, code) {
    if (![...select.options].some(o => o.value === code)) select.append(el("option", { value: code }, code));
    select.value = code;
  }

  async function showDyad(a, b, by) {
    await fillActors();
    const selA = document.getElementById("dyad-a"), selB = document.getElementById("dyad-b");
    if (!a || !b) {
      const top = await Accord.api("top/dyads", { n: 1 });
      if (top.rows.length) { a = top.rows[0].source; b = top.rows[0].target; }
      else if (selA.options.length > 1) { a = selA.options[0].value; b = selA.options[1].value; }
      else { Accord.charts.message("dyad-chart", "No actors in this database yet."); return; }
    }
    ensureOption(selA, a); ensureOption(selB, b);
    by = by || document.getElementById("dyad-by").value;
    document.getElementById("dyad-by").value = by;
    const [series, ab, ba] = await Promise.all([
      Accord.api(`dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeseries`, { by }),
      Accord.api("events", { source: a, target: b, limit: 100 }),
      Accord.api("events", { source: b, target: a, limit: 100 })]);
    Accord.charts.dyad("dyad-chart", series);
    const events = ab.events.concat(ba.events).sort((x, y) => String(y.date).localeCompare(String(x.date)));
    eventTable(document.getElementById("dyad-events"), events, `no events between ${a} and ${b}`);
  }

  // -- event table -------------------------------------------------------------------------------
  function eventTable(container, rows, empty) {
    Accord.table(container, rows, [
      { label: "date", key: "date" }, { label: "source", key: "source_code" },
      { label: "target", key: "target_code" },
      { label: "", key: "quad_class", format: r => Accord.quadBadge(r.quad_class) },
      { label: "code", key: "code" }, { label: "label", key: "label", format: r => Accord.clip(r.label, 34) },
      { label: "Goldstein", key: "goldstein", numeric: true, format: r => Accord.fmt(r.goldstein, 1) },
      { label: "evidence", key: "sentence", format: r => Accord.clip(r.sentence, 140) }],
    r => go(`#article/${encodeURIComponent(r.doc_id)}/${encodeURIComponent(r.event_id)}`), empty);
  }

  async function loadEvents() {
    const page = await Accord.api("events", { ...state.filters, limit: PAGE, offset: state.offset });
    state.total = page.total;
    eventTable(document.getElementById("events-table"), page.events, "no events match these filters");
    const last = Math.min(page.offset + page.events.length, page.total);
    document.getElementById("page-info").textContent =
      page.total ? `${page.offset + 1}–${last} of ${page.total}` : "0 events";
    document.getElementById("prev").disabled = state.offset === 0;
    document.getElementById("next").disabled = last >= page.total;
  }

  function eventsHash(filters) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== "" && v !== false && v !== undefined) params.set(k, v);
    return "#events" + (params.toString() ? "?" + params : "");
  }

  // -- quotes and map ------------------------------------------------------------------------------
  async function loadQuotes(filters) {
    const page = await Accord.api("quotes", { ...filters, limit: 100 });
    Accord.table(document.getElementById("quotes-table"), page.quotes, [
      { label: "date", key: "date" },
      { label: "speaker", key: "speaker_code", format: r => [r.speaker_code, r.speaker_name].filter(Boolean).join(" · ") },
      { label: "kind", key: "kind" }, { label: "quote", key: "text", format: r => Accord.clip(r.text, 160) },
      { label: "article", key: "title", format: r => Accord.clip(r.title || r.doc_id, 50) }],
    r => go(`#article/${encodeURIComponent(r.doc_id)}`), "no quotes");
  }

  async function loadMap() {
    const places = await Accord.api("places", { n: 1000 });
    Accord.charts.map("map-chart", places.rows,
      p => go(eventsHash({ country: p.country || "" })));
    state.mapLoaded = true;
  }

  // -- routing -----------------------------------------------------------------------------------
  async function route() {
    const hash = decodeURIComponent(window.location.hash.slice(1));
    const [path, query] = window.location.hash.slice(1).split("?");
    const parts = path.split("/").map(decodeURIComponent);
    const view = parts[0] || "overview";
    showTab(["overview", "dyad", "events", "article", "quotes", "map"].includes(view) ? view : "overview");
    await guarded(async () => {
      if (view === "dyad") await showDyad(parts[1], parts[2], parts[3]);
      else if (view === "events") {
        state.filters = Object.fromEntries(new URLSearchParams(query || ""));
        state.offset = Number(state.filters.offset || 0);
        delete state.filters.offset;
        Accord.setForm(document.getElementById("event-filters"), state.filters);
        await loadEvents();
      } else if (view === "article" && parts[1]) await Accord.article.show(parts[1], parts[2]);
      else if (view === "quotes") await loadQuotes(Object.fromEntries(new URLSearchParams(query || "")));
      else if (view === "map" && !state.mapLoaded) await loadMap();
      return hash;
    });
  }

  function wire() {
    for (const button of document.querySelectorAll("#tabs button")) {
      button.addEventListener("click", () => go("#" + button.dataset.tab));
    }
    document.getElementById("dyad-form").addEventListener("submit", ev => {
      ev.preventDefault();
      const f = Accord.formData(ev.target);
      go(`#dyad/${encodeURIComponent(f.a)}/${encodeURIComponent(f.b)}/${f.by}`);
    });
    const filters = document.getElementById("event-filters");
    filters.addEventListener("submit", ev => { ev.preventDefault(); go(eventsHash(Accord.formData(filters))); });
    filters.addEventListener("reset", () => setTimeout(() => go("#events"), 0));
    document.getElementById("prev").addEventListener("click", () =>
      go(eventsHash({ ...state.filters, offset: Math.max(0, state.offset - PAGE) })));
    document.getElementById("next").addEventListener("click", () =>
      go(eventsHash({ ...state.filters, offset: state.offset + PAGE })));
    const quotes = document.getElementById("quote-filters");
    quotes.addEventListener("submit", ev => {
      ev.preventDefault();
      const params = new URLSearchParams(Object.entries(Accord.formData(quotes)).filter(([, v]) => v));
      go("#quotes" + (params.toString() ? "?" + params : ""));
    });
    window.addEventListener("hashchange", route);
  }

  document.addEventListener("DOMContentLoaded", async () => {
    wire();
    await guarded(loadOverview);
    await route();
    document.body.dataset.ready = "true";
  });
})();
