// DOM helpers. Text always goes in through textContent: nothing from the API is parsed as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export class ApiError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

export async function getJSON(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, ...options });
  } catch (err) {
    throw new ApiError(0, "NetworkError", `the server did not answer (${err.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.message ? body.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, body && body.error ? body.error : "HTTPError", message);
  }
  return body;
}

export function setStatus(node, message, kind = "info") {
  node.textContent = message;
  node.dataset.kind = kind;
  node.hidden = !message;
}

// "2026-11-26 11:52 UTC", "2026-11-26 21:05 UTC+9": the zone the source gave, so a wire story in UTC
// does not look nine hours older than a readout in Korean time (QA pass 5, W4).
export function formatDate(iso) {
  if (!iso) return "";
  const text = String(iso);
  const m = text.match(/^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?$/i);
  if (!m) return text.slice(0, 16).replace("T", " ");
  return m[3] ? `${m[1]} ${m[2]} ${zoneName(m[3])}` : `${m[1]} ${m[2]}`;
}

function zoneName(offset) {
  if (offset.toUpperCase() === "Z") return "UTC";
  const m = offset.match(/^([+-])(\d\d):?(\d\d)$/);
  const hours = Number(m[2]);
  const minutes = m[3] === "00" ? "" : `:${m[3]}`;
  return hours === 0 && !minutes ? "UTC" : `UTC${m[1]}${hours}${minutes}`;
}

// "1 report", "6 reports": a count with its noun in the right number.
export function count(n, noun, plural = `${noun}s`) {
  return `${n} ${n === 1 ? noun : plural}`;
}

const LANG_NAMES = { ko: "한국어", ja: "日本語", en: "English" };
export function langName(lang) {
  return LANG_NAMES[lang] || lang || "?";
}

// An event's titles, its heading first: the English title when there is one, as OUT/report.html
// (eventreport.py) heads it, else the first. [[lang, title], ...]
export function eventTitles(titles) {
  const all = Object.entries(titles || {});
  const en = all.findIndex(([lang]) => lang === "en");
  return en > 0 ? [all[en], ...all.slice(0, en), ...all.slice(en + 1)] : all;
}

export function params() {
  return new URLSearchParams(window.location.search);
}
