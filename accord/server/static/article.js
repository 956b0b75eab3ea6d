// The article view: the cleaned text with every event's trigger, source and target and every
// quote with its speaker highlighted; hovering or clicking an event or quote shows its spans.
"use strict";

Accord.article = (function () {
  const el = Accord.el;
  let pinned = null;

  // Every span of the article: {kind, start, end, owner, label}. Offsets point into article.text.
  function collectSpans(view) {
    const spans = [];
    const add = (kind, start, end, owner, label) => {
      if (Number.isFinite(start) && Number.isFinite(end) && end > start) spans.push({ kind, start, end, owner, label });
    };
    view.events.forEach((e, i) => {
      const owner = "e" + i;
      const what = `event ${i + 1} (${e.code} ${e.label || ""})`;
      add("trigger", e.trigger_start, e.trigger_end, owner, "trigger of " + what);
      add("source", e.source_start, e.source_end, owner, `source ${e.source_code} of ${what}`);
      if (e.target_code) add("target", e.target_start, e.target_end, owner, `target ${e.target_code} of ${what}`);
    });
    view.quotes.forEach((q, j) => {
      const owner = "q" + j;
      add("quote", q.start, q.end, owner, `quote ${j + 1} (${q.kind})`);
      if (q.speaker_code) add("speaker", q.speaker_start, q.speaker_end, owner, `speaker ${q.speaker_code} of quote ${j + 1}`);
    });
    view.actors.forEach(a => add("actor", a.start, a.end, null, `actor ${a.code} (${a.kind || "mention"})`));
    return spans;
  }

  // Cut the text at every span boundary; each piece carries the kinds and owners covering it.
  function render(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.max(0, Math.min(s.start, text.length))); cuts.add(Math.max(0, Math.min(s.end, text.length))); }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter(s => s.start <= a && s.end >= b);
      if (!covering.length) { pieces.push(document.createTextNode(piece)); continue; }
      const kinds = [...new Set(covering.map(s => s.kind))];
      const owners = [...new Set(covering.map(s => s.owner).filter(Boolean))];
      pieces.push(el("span", {
        class: "hl " + kinds.map(k => "hl-" + k).join(" "),
        title: covering.map(s => s.label).join("\n"),
        dataset: { owners: owners.join(" ") },
        onclick: () => { if (owners.length) pin(owners[0]); },
      }, piece));
    }
    return pieces;
  }

  function focus(owner) {
    const box = document.getElementById("article-text");
    box.classList.toggle("focus", Boolean(owner));
    for (const node of box.querySelectorAll(".hl")) {
      node.classList.toggle("active", Boolean(owner) && node.dataset.owners.split(" ").includes(owner));
    }
    for (const item of document.querySelectorAll(".evidence-list li")) {
      item.classList.toggle("active", item.dataset.owner === owner);
    }
    const first = owner && box.querySelector(".hl.active");
    if (first && pinned === owner) first.scrollIntoView({ block: "nearest" });
  }

  function pin(owner) {
    pinned = pinned === owner ? null : owner;
    focus(pinned);
  }

  function actorLabel(code, text, name) {
    return [code || "?", name || text ? `(${name || text})` : ""].join(" ");
  }

  function eventItem(e, i) {
    const owner = "e" + i;
    return el("li", {
      dataset: { owner }, tabindex: "0",
      onmouseenter: () => focus(owner), onmouseleave: () => focus(pinned),
      onclick: () => pin(owner), onkeydown: ev => { if (ev.key === "Enter") pin(owner); },
    }, Accord.quadBadge(e.quad_class), " ",
    el("b", {}, actorLabel(e.source_code, e.source_text, e.source_name)), " → ",
    el("b", {}, e.target_code ? actorLabel(e.target_code, e.target_text, e.target_name) : "(no target)"),
    el("div", { class: "muted" }, `${e.code} ${e.label || ""} · Goldstein ${Accord.fmt(e.goldstein, 1)} · “${e.trigger_text}”` +
      (e.location_name ? ` · ${e.location_name}` : "") + (e.date ? ` · ${e.date}` : "")));
  }

  function quoteItem(q, j) {
    const owner = "q" + j;
    return el("li", {
      dataset: { owner }, tabindex: "0",
      onmouseenter: () => focus(owner), onmouseleave: () => focus(pinned),
      onclick: () => pin(owner), onkeydown: ev => { if (ev.key === "Enter") pin(owner); },
    }, el("b", {}, q.speaker_code ? actorLabel(q.speaker_code, q.speaker_text, q.speaker_name) : "unknown speaker"),
    ` ${q.cue_text || "said"}: `, el("span", { class: "quote-text" }, Accord.clip(q.text, 160)));
  }

  // Show one article; `eventId` (optional) is pinned so its evidence is visible at once.
  async function show(docId, eventId) {
    const view = await Accord.api("articles/" + encodeURIComponent(docId));
    const a = view.article;
    const head = document.getElementById("article-head");
    const meta = [a.date, a.source, a.dateline].filter(Boolean).join(" · ");
    head.replaceChildren(
      el("h2", {}, a.title || a.doc_id),
      el("p", { class: "muted" }, meta, " · doc ", el("code", {}, a.doc_id),
        a.url ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null,
        ` · ${view.events.length} events, ${view.quotes.length} quotes`));
    document.getElementById("legend").hidden = false;
    const box = document.getElementById("article-text");
    box.replaceChildren(...render(a.text || "", collectSpans(view)));
    document.getElementById("article-events").replaceChildren(
      ...(view.events.length ? view.events.map(eventItem) : [el("li", { class: "muted" }, "no events coded")]));
    document.getElementById("article-quotes").replaceChildren(
      ...(view.quotes.length ? view.quotes.map(quoteItem) : [el("li", { class: "muted" }, "no quotes")]));
    pinned = null;
    const index = eventId ? view.events.findIndex(e => e.event_id === eventId) : -1;
    focus(null);
    if (index >= 0) pin("e" + index);
    return view;
  }

  return { show, collectSpans, render };
})();
