// The start page: cross-lingual search, picking reports to compare, and the list of events.
import { el, clear, count, eventTitles, getJSON, setStatus, formatDate, langName, params } from "./dom.js";

const MAX_COMPARE = 4;
const selected = new Map(); // article id -> title, in the order picked

export function start() {
  const form = document.getElementById("search-form");
  const q = document.getElementById("q");
  const lang = document.getElementById("lang");
  const p = params();
  // This module loads after the page: text typed before it did is kept, not wiped (a permalink's
  // query still fills the box).
  if (p.has("q")) q.value = p.get("q");
  if (p.has("lang")) lang.value = p.get("lang");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("q", q.value.trim());
    if (lang.value) url.searchParams.set("lang", lang.value);
    else url.searchParams.delete("lang");
    history.pushState(null, "", url); // a search has a permalink too
    runSearch(q.value.trim(), lang.value);
  });
  window.addEventListener("popstate", () => {
    const pp = params();
    q.value = pp.get("q") || "";
    lang.value = pp.get("lang") || "";
    if (q.value) runSearch(q.value, lang.value);
  });
  if ((p.get("q") || "").trim()) runSearch(q.value.trim(), lang.value);
  loadEvents();
}

async function runSearch(query, lang) {
  const status = document.getElementById("search-status");
  const list = clear(document.getElementById("results"));
  if (!query) return;
  setStatus(status, "Searching…");
  const url = new URL("/api/search", window.location.origin);
  url.searchParams.set("q", query);
  url.searchParams.set("k", "20");
  if (lang) url.searchParams.set("lang", lang);
  try {
    const body = await getJSON(url);
    setStatus(status, body.count ? `${count(body.count, "report")}, best match first` : "No report matches.");
    body.data.forEach((hit, i) => list.append(renderHit(hit, i)));
  } catch (err) {
    setStatus(status, `Search failed: ${err.message}`, "error");
  }
}

function renderHit(hit, i) {
  const box = el("input", {
    type: "checkbox",
    id: `pick-${i}`,
    class: "pick",
    "aria-label": `Add “${hit.title || hit.id}” to the comparison`,
    onchange: (e) => togglePick(hit, e.target),
  });
  box.checked = selected.has(hit.id);
  const meta = el(
    "p",
    { class: "meta" },
    el("span", { class: `lang-chip lang-${hit.lang}`, text: langName(hit.lang) }),
    ` ${hit.outlet || "unknown outlet"} · ${formatDate(hit.published_at)} · score ${hit.score.toFixed(3)}`,
  );
  const snippet = hit.sentence
    ? el("blockquote", { class: "snippet", lang: hit.lang, text: hit.sentence.text })
    : null;
  return el(
    "li",
    { class: "hit", lang: hit.lang, dataset: { id: hit.id, lang: hit.lang } },
    box,
    el("div", { class: "hit-body" },
      el("h3", {}, el("a", { href: `/articles/${encodeURIComponent(hit.id)}`, text: hit.title || hit.id })),
      meta,
      snippet,
    ),
  );
}

function togglePick(hit, box) {
  if (box.checked) {
    if (selected.size >= MAX_COMPARE) {
      box.checked = false;
      setStatus(document.getElementById("search-status"), `At most ${MAX_COMPARE} reports side by side.`, "error");
      return;
    }
    selected.set(hit.id, hit.title);
  } else {
    selected.delete(hit.id);
  }
  const bar = document.getElementById("compare-bar");
  bar.hidden = selected.size === 0;
  document.getElementById("compare-count").textContent =
    `${selected.size} selected` + (selected.size < 2 ? " (pick at least 2)" : "");
  const link = document.getElementById("compare-link");
  link.href = `/compare?ids=${[...selected.keys()].map(encodeURIComponent).join(",")}`;
  link.setAttribute("aria-disabled", selected.size < 2 ? "true" : "false");
}

async function loadEvents() {
  const status = document.getElementById("events-status");
  const list = clear(document.getElementById("event-list"));
  try {
    const body = await getJSON("/api/events?limit=100");
    setStatus(status, body.count ? "" : "No events yet: run `comparator align` on this index.");
    for (const ev of body.data) list.append(renderEvent(ev));
  } catch (err) {
    const hint = err.status === 501 ? " (the events job is not part of this installation yet)" : "";
    setStatus(status, `Events are not available: ${err.message}${hint}`, "error");
  }
}

function renderEvent(ev) {
  const titles = eventTitles(ev.titles);
  const head = titles.length ? titles[0][1] : ev.id;
  return el(
    "li",
    { class: "event" },
    el("a", { href: `/events/${encodeURIComponent(ev.id)}`, class: "event-link" },
      el("span", { class: "event-title", text: head })),
    el("ul", { class: "event-titles" },
      titles.slice(1).map(([lang, title]) => el("li", { lang, text: `${langName(lang)}: ${title}` }))),
    el("p", { class: "meta" },
      ev.langs.map((l) => el("span", { class: `lang-chip lang-${l}`, text: langName(l) })),
      ` ${reportCount(ev)} · ${ev.outlets.join(", ")} · ${formatDate(ev.start)}`),
  );
}

// "6 reports + 1 copy": a re-published near-copy is not counted as a report of its own.
function reportCount(ev) {
  const copies = ev.article_ids.length - (ev.n_independent ?? ev.article_ids.length);
  return `${count(ev.article_ids.length - copies, "report")}${copies > 0 ? ` + ${count(copies, "copy", "copies")}` : ""}`;
}
