// Dashboard helpers: calling the API, building DOM safely (text nodes only), tables, status.
"use strict";

const Accord = {};

Accord.QUADS = {
  1: { name: "Verbal cooperation", color: "#7fbf7b", key: "verbal_coop" },
  2: { name: "Material cooperation", color: "#1b7837", key: "material_coop" },
  3: { name: "Verbal conflict", color: "#f4a582", key: "verbal_conflict" },
  4: { name: "Material conflict", color: "#b2182b", key: "material_conflict" },
};

// GET /api/<path> with the non-empty params; throws Error(detail) on a 4xx/5xx.
Accord.api = async function (path, params) {
  const url = new URL("/api/" + path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "" && v !== false) url.searchParams.set(k, v);
  }
  const response = await fetch(url);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.statusText;
    throw new Error(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return body;
};

// el("td", {class: "x", onclick: f}, "text", childNode...): text is always a text node.
Accord.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

Accord.status = function (message, isError) {
  const box = document.getElementById("status");
  box.textContent = message || "";
  box.className = isError ? "error" : "";
};

Accord.fmt = function (value, digits) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isInteger(value)) return value.toFixed(digits ?? 2);
  return String(value);
};

Accord.clip = function (text, n) {
  if (!text) return "";
  return text.length > n ? text.slice(0, n - 1) + "…" : text;
};

// A table: columns are {key, label, format(row) -> text|Node, numeric}; onRow(row) makes rows clickable.
Accord.table = function (container, rows, columns, onRow, empty) {
  container.replaceChildren();
  if (!rows.length) {
    container.append(Accord.el("p", { class: "muted" }, empty || "nothing to show"));
    return;
  }
  const head = Accord.el("tr", {}, columns.map(c => Accord.el("th", { class: c.numeric ? "num" : null }, c.label)));
  const body = rows.map(row => {
    const cells = columns.map(c => {
      const value = c.format ? c.format(row) : Accord.fmt(row[c.key]);
      return Accord.el("td", { class: c.numeric ? "num" : null }, value);
    });
    const attrs = onRow ? { class: "clickable", tabindex: "0", onclick: () => onRow(row),
      onkeydown: e => { if (e.key === "Enter") onRow(row); } } : {};
    return Accord.el("tr", attrs, cells);
  });
  container.append(Accord.el("table", { class: "data" }, Accord.el("thead", {}, head), Accord.el("tbody", {}, body)));
};

Accord.quadBadge = function (q) {
  const quad = Accord.QUADS[q];
  if (!quad) return "";
  return Accord.el("span", { class: "badge", style: `background:${quad.color}`, title: quad.name }, q);
};

Accord.formData = function (form) {
  const out = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") out[element.name] = element.checked;
    else out[element.name] = element.value.trim();
  }
  return out;
};

Accord.setForm = function (form, values) {
  for (const element of form.elements) {
    if (!element.name) continue;
    const v = values[element.name];
    if (element.type === "checkbox") element.checked = Boolean(v);
    else element.value = v ?? "";
  }
};
