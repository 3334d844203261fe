// Render a span of article text with overlapping marks (quotes, flags, evidence) as nested spans.
// Marks are {start, end, cls, title?, dataset?} in article character offsets; text goes in as text.
import { el } from "./dom.js";

// JavaScript strings index UTF-16 code units, the API's offsets count code points (Python).
// Map once per article so characters outside the BMP (rare in news, but possible) stay aligned.
export function codePointIndex(text) {
  const units = [];
  let unit = 0;
  for (const ch of text) {
    units.push(unit);
    unit += ch.length;
  }
  units.push(unit);
  return (cp) => units[Math.max(0, Math.min(cp, units.length - 1))];
}

export function renderSpan(text, toUnit, start, end, marks, after = () => []) {
  const inside = marks.filter((m) => m.end > start && m.start < end);
  const cuts = new Set([start, end]);
  for (const m of inside) {
    cuts.add(Math.max(start, m.start));
    cuts.add(Math.min(end, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(toUnit(a), toUnit(b));
    const active = inside.filter((m) => m.start <= a && m.end >= b);
    if (!active.length) {
      frag.append(document.createTextNode(piece));
    } else {
      frag.append(wrap(piece, active));
    }
    // Chips and other trailing elements of marks that end here (e.g. the speaker of a quote).
    for (const m of inside.filter((m) => m.end === b)) frag.append(...after(m));
  }
  return frag;
}

function wrap(piece, active) {
  const classes = active.map((m) => m.cls).join(" ");
  const titles = active.map((m) => m.title).filter(Boolean);
  const node = el("span", { class: classes, title: titles.length ? titles.join("\n") : null, text: piece });
  for (const m of active) if (m.dataset) Object.assign(node.dataset, m.dataset);
  return node;
}
