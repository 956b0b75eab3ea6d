// Renders /openapi.json as a readable reference: each operation with its parameters, body and responses.
"use strict";

(function () {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  function resolve(spec, schema) {
    let s = schema || {};
    for (let i = 0; i < 10 && s.$ref; i++) s = s.$ref.split("/").slice(1).reduce((o, k) => o[k], spec);
    return s;
  }

  function typeOf(spec, schema) {
    const s = resolve(spec, schema);
    if (s.anyOf) return s.anyOf.map(x => typeOf(spec, x)).join(" | ");
    if (s.enum) return s.enum.map(String).join(" | ");
    if (s.type === "array") return typeOf(spec, s.items) + "[]";
    const bits = [s.type || s.title || "object"];
    if (s.format) bits.push(`(${s.format})`);
    if (s.pattern) bits.push(`pattern ${s.pattern}`);
    if (s.minimum !== undefined) bits.push(`≥ ${s.minimum}`);
    if (s.maximum !== undefined) bits.push(`≤ ${s.maximum}`);
    if (s.maxLength !== undefined) bits.push(`max ${s.maxLength} chars`);
    return bits.join(" ");
  }

  function operation(spec, path, method, op) {
    const params = (op.parameters || []).map(p => el("tr", {},
      el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, p.required ? "yes" : ""),
      el("td", {}, typeOf(spec, p.schema)), el("td", {}, p.description || (p.schema || {}).description || "")));
    const body = op.requestBody ? resolve(spec, op.requestBody.content["application/json"].schema) : null;
    const responses = Object.entries(op.responses || {}).map(([code, r]) => el("li", {}, el("b", {}, code), " ", r.description || ""));
    return el("section", { class: "op" },
      el("h2", {}, el("span", { class: "method " + method }, method.toUpperCase()), path),
      el("p", {}, op.summary || ""), op.description ? el("pre", {}, op.description) : null,
      params.length ? el("table", { class: "data" }, el("thead", {}, el("tr", {},
        ["name", "in", "required", "type", "description"].map(h => el("th", {}, h)))), el("tbody", {}, params)) : null,
      body ? el("p", {}, "JSON body: ", typeOf(spec, body), " ", body.description || "") : null,
      el("ul", {}, responses));
  }

  async function main() {
    const spec = await (await fetch("/openapi.json")).json();
    const root = document.getElementById("docs");
    root.replaceChildren(el("h2", {}, `${spec.info.title} ${spec.info.version}`),
      el("p", {}, spec.info.summary || ""), el("p", {}, spec.info.description || ""));
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) root.append(operation(spec, path, method, op));
    }
  }

  document.addEventListener("DOMContentLoaded", () => main().catch(err => {
    document.getElementById("docs").replaceChildren(el("p", {}, "could not load /openapi.json: " + err.message));
  }));
})();
