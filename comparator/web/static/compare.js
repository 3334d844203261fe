// The event / comparison / article pages: reports in columns, aligned sentences linked.
import { el, clear, count, eventTitles, getJSON, setStatus, formatDate, langName, params } from "./dom.js";
import { codePointIndex, renderSpan } from "./marks.js";
import { viewFromReport, viewFromArticles } from "./report.js";

const MIN_COMPARE = 2;
const MAX_COMPARE = 4;
let view = null; // the normalized view model (see report.js)
let pinned = null; // {col, idx} of the sentence whose links stay lit

export async function start(page) {
  const status = document.getElementById(page === "article" ? "article-status" : "compare-status");
  try {
    if (page === "article") {
      const article = await getJSON(`/api/articles/${encodeURIComponent(document.body.dataset.articleId)}`);
      document.title = `${article.title || article.id} · comparator`;
      show(viewFromArticles([article]), status, "");
      return;
    }
    let ids = (params().get("ids") || document.body.dataset.ids || "").split(",").filter(Boolean);
    const eventId = document.body.dataset.eventId;
    if (eventId) ids = await loadEvent(eventId, ids);
    await compare(ids, status);
  } catch (err) {
    setStatus(status, `Could not load this page: ${err.message}`, "error");
  }
}

async function loadEvent(eventId, ids) {
  const ev = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  const head = eventTitles(ev.titles)[0]?.[1];
  document.getElementById("event-title").textContent = head || `Event ${ev.id}`;
  document.title = `${head || ev.id} · comparator`;
  // A near-copy (a re-published wire story) is not a report of its own: counted and listed apart.
  const copies = ev.articles.filter((a) => isCopy(a, ev.articles));
  const reports = ev.articles.length - copies.length;
  document.getElementById("event-meta").textContent =
    `${count(reports, "report")}${copies.length ? ` + ${count(copies.length, "copy", "copies")}` : ""} · ` +
    `${ev.langs.map(langName).join(" / ")} · ${ev.outlets.join(", ")} · ` +
    `${formatDate(ev.start)} – ${formatDate(ev.end)}`;
  const chosen = ids.length ? ids : defaultPick(ev.articles.filter((a) => !copies.includes(a)));
  buildPicker(ev.articles, chosen);
  return chosen;
}

// A copy whose original is in the same event (one standing alone is the only carrier of its story).
function isCopy(a, articles) {
  return Boolean(a.copy_of) && articles.some((x) => x.id === a.copy_of);
}

function copyLabel(a, articles) {
  const orig = articles.find((x) => x.id === a.copy_of);
  return orig ? `copy of ${orig.outlet || orig.id}` : `copy of ${a.copy_of}`;
}

// One report per language first (the point is comparing across languages), then the rest.
function defaultPick(articles) {
  const picked = [];
  for (const lang of ["ko", "ja", "en"]) {
    const a = articles.find((x) => x.lang === lang);
    if (a) picked.push(a.id);
  }
  for (const a of articles) if (picked.length < Math.min(3, MAX_COMPARE) && !picked.includes(a.id)) picked.push(a.id);
  return picked.slice(0, MAX_COMPARE);
}

function buildPicker(articles, chosen) {
  const box = document.getElementById("picker");
  const options = clear(document.getElementById("picker-options"));
  const copyNotes = [];
  articles.forEach((a, i) => {
    if (isCopy(a, articles)) {
      // Not offered as a source: compared with its original it would count as a second outlet.
      copyNotes.push(el("li", { class: "picker-copy", lang: a.lang },
        el("span", { class: `lang-chip lang-${a.lang}`, text: langName(a.lang) }),
        ` ${a.outlet || "?"}: ${a.title || a.id} `,
        el("span", { class: "copy-mark", text: `(${copyLabel(a, articles)}, re-published; not a separate source)` }),
        " ", el("a", { href: `/articles/${encodeURIComponent(a.id)}`, text: "read" })));
      return;
    }
    const input = el("input", { type: "checkbox", id: `opt-${i}`, value: a.id });
    input.checked = chosen.includes(a.id);
    options.append(
      el("label", { for: `opt-${i}`, class: "picker-option", lang: a.lang },
        input,
        el("span", { class: `lang-chip lang-${a.lang}`, text: langName(a.lang) }),
        ` ${a.outlet || "?"}: ${a.title || a.id}`),
    );
  });
  const copyList = document.getElementById("picker-copies");
  if (copyList) {
    clear(copyList).append(...copyNotes);
    copyList.hidden = copyNotes.length === 0;
  }
  box.hidden = articles.length - copyNotes.length <= MIN_COMPARE && copyNotes.length === 0;
  document.getElementById("picker-apply").onclick = () => {
    const ids = [...options.querySelectorAll("input:checked")].map((x) => x.value);
    const status = document.getElementById("compare-status");
    if (ids.length < MIN_COMPARE || ids.length > MAX_COMPARE) {
      setStatus(status, `Pick ${MIN_COMPARE} to ${MAX_COMPARE} reports (${ids.length} picked).`, "error");
      return;
    }
    const url = new URL(window.location.href);
    url.searchParams.set("ids", ids.join(","));
    history.pushState(null, "", url);
    compare(ids, status);
  };
}

async function compare(ids, status) {
  setPermalink(ids);
  if (ids.length === 1 && document.body.dataset.eventId) {
    const only = await getJSON(`/api/articles/${encodeURIComponent(ids[0])}`);
    show(viewFromArticles([only]), status, "Only one report of this event so far: there is nothing to compare it with.");
    return;
  }
  if (ids.length < MIN_COMPARE || ids.length > MAX_COMPARE) {
    setStatus(status, `Pick ${MIN_COMPARE} to ${MAX_COMPARE} reports to compare (got ${ids.length}).`, "error");
    return;
  }
  setStatus(status, "Comparing…");
  const q = ids.map(encodeURIComponent).join(",");
  try {
    const report = await getJSON(`/api/compare?ids=${q}`);
    show(viewFromReport(report), status, foldedNote(report));
  } catch (err) {
    if (err.status !== 501) throw err;
    // No comparison engine in this installation: still show the reports side by side, honestly labelled.
    const articles = await Promise.all(ids.map((id) => getJSON(`/api/articles/${encodeURIComponent(id)}`)));
    show(viewFromArticles(articles), status, `Sentence links, flags and differences are not available: ${err.message}`);
  }
}

// Picked copies the server left out because their original is picked too.
function foldedNote(report) {
  const folded = report.folded_copies || [];
  if (!folded.length) return "";
  const outletOf = (id) => (report.articles || []).find((a) => a.id === id)?.outlet || id;
  return folded
    .map((f) => `${f.outlet || f.id} is a copy of ${outletOf(f.copy_of)} (a re-published story): compared once, as ${outletOf(f.copy_of)}.`)
    .join(" ");
}

function setPermalink(ids) {
  const link = document.getElementById("compare-permalink");
  if (link) link.href = `/compare?ids=${ids.map(encodeURIComponent).join(",")}`;
}

function show(model, status, note) {
  view = model;
  pinned = null;
  const columns = clear(document.getElementById("columns"));
  columns.style.setProperty("--ncols", String(model.columns.length));
  columns.classList.toggle("single", model.columns.length === 1);
  model.columns.forEach((col, c) => columns.append(renderColumn(col, c)));
  renderDifferences(model.differences);
  setStatus(status, note, note ? "warning" : "info");
}

function renderColumn(col, c) {
  const toUnit = codePointIndex(col.text);
  const marks = [...col.quoteMarks, ...col.flagMarks];
  const body = el("div", { class: "article-text", lang: col.lang });
  let at = 0;
  for (const s of col.sentences) {
    if (s.start > at) body.append(col.text.slice(toUnit(at), toUnit(s.start)));
    body.append(renderSentence(col, c, s, toUnit, marks));
    at = s.end;
  }
  if (at < [...col.text].length) body.append(col.text.slice(toUnit(at)));
  const head = el("header", { class: "column-head" },
    el("p", { class: "meta" },
      el("span", { class: `lang-chip lang-${col.lang}`, text: langName(col.lang) }),
      ` ${col.outlet || "unknown outlet"} · ${formatDate(col.published_at)}`,
      col.copy_of ? el("span", { class: "copy-mark", text: ` · copy of ${view.columns.find((x) => x.id === col.copy_of)?.outlet || col.copy_of}` }) : null),
    el("h2", { lang: col.lang, id: `t-${c}`, tabindex: "-1" }, el("a", { href: `/articles/${encodeURIComponent(col.id)}`, text: col.title || col.id })),
    col.url ? el("a", { class: "source-link", href: col.url, rel: "noopener noreferrer", text: "original" }) : null,
  );
  return el("article", { class: "column", dataset: { col: String(c), id: col.id }, "aria-label": `${col.outlet || ""} ${langName(col.lang)}` }, head, body);
}

function renderSentence(col, c, s, toUnit, marks) {
  const links = view.links.get(`${c}:${s.idx}`) || [];
  const label = s.label || "none";
  const node = el("span", {
    class: `sent ${label}`,
    id: `s-${c}-${s.idx}`,
    tabindex: "0",
    dataset: { col: String(c), idx: String(s.idx), links: String(links.length) },
  });
  node.append(renderSpan(col.text, toUnit, s.start, s.end, marks, (m) => chipFor(m)));
  if (label === "unique") node.append(el("span", { class: "visually-hidden", text: " (only this report says this)" }));
  node.addEventListener("mouseenter", () => pinned || light(c, s.idx));
  node.addEventListener("mouseleave", () => pinned || unlight());
  node.addEventListener("focus", () => pinned || light(c, s.idx));
  node.addEventListener("blur", () => pinned || unlight());
  node.addEventListener("click", (e) => {
    if (e.target.closest(".chip")) return;
    togglePin(c, s.idx);
  });
  node.addEventListener("keydown", (e) => onSentenceKey(e, c, s.idx));
  return node;
}

function chipFor(mark) {
  if (!mark.quote) return [];
  const q = mark.quote;
  const name = q.speaker || "unattributed";
  return [
    el("button", {
      type: "button",
      class: "chip speaker",
      dataset: { speakerKey: q.speaker_key || "" },
      title: [name, q.speaker_role, ...(q.speaker_names || []).filter((n) => n !== name)].filter(Boolean).join(" · "),
      "aria-label": `Quote by ${name}: show this speaker's quotes in every report`,
      text: name,
      onclick: () => lightSpeaker(q.speaker_key, name),
    }),
  ];
}

function onSentenceKey(e, c, idx) {
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    togglePin(c, idx);
  } else if (e.key === "Escape") {
    pinned = null;
    unlight();
  } else if (e.altKey && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
    e.preventDefault();
    const step = e.key === "ArrowRight" ? 1 : -1;
    const target = (view.links.get(`${c}:${idx}`) || []).find((t) => t.col === c + step) ||
      (view.links.get(`${c}:${idx}`) || []).find((t) => (t.col - c) * step > 0);
    if (target) document.getElementById(`s-${target.col}-${target.idx}`)?.focus();
  }
}

function togglePin(c, idx) {
  if (pinned && pinned.col === c && pinned.idx === idx) {
    pinned = null;
    unlight();
    return;
  }
  pinned = { col: c, idx };
  light(c, idx);
}

function light(c, idx) {
  unlight();
  const self = document.getElementById(`s-${c}-${idx}`);
  if (self) self.classList.add("lit-source");
  for (const t of view.links.get(`${c}:${idx}`) || []) {
    const other = document.getElementById(`s-${t.col}-${t.idx}`);
    if (other) other.classList.add("lit");
  }
}

function unlight() {
  for (const node of document.querySelectorAll(".lit, .lit-source")) node.classList.remove("lit", "lit-source");
}

function lightSpeaker(key, name) {
  for (const node of document.querySelectorAll(".speaker-lit")) node.classList.remove("speaker-lit");
  if (!key) return;
  let n = 0;
  for (const node of document.querySelectorAll(".quote, .chip.speaker")) {
    if (node.dataset.speakerKey === key) {
      node.classList.add("speaker-lit");
      if (node.classList.contains("chip")) n += 1;
    }
  }
  setStatus(document.getElementById("compare-status"), `${count(n, "quote")} by ${name} across the reports ${n === 1 ? "is" : "are"} highlighted.`);
}

function renderDifferences(diffs) {
  const panel = document.getElementById("summary");
  if (!panel) return; // the single-article page has no differences panel
  const list = clear(document.getElementById("differences"));
  panel.hidden = !diffs || diffs.length === 0;
  for (const d of diffs || []) {
    list.append(
      el("li", { class: `difference kind-${d.kind}` },
        el("span", { class: "kind", text: d.kindLabel }),
        el("p", { class: "difference-text", text: d.summary }),
        el("p", { class: "evidence" }, d.evidence.map((ev) => jumpLink(ev))),
        d.absent && d.absent.length ? el("p", { class: "absent", text: `Not in: ${d.absent.join(", ")}` }) : null),
    );
  }
}

// What a piece of evidence says, as the link shows it: the note alone repeated itself when one
// report had two quotes by one speaker ("한결신문 (한국어): 윤재혁" twice).
const SNIPPET_CHARS = 48;

function evidenceLabel(where, ev) {
  const said = (ev.text || "").replace(/\s+/g, " ").trim();
  const head = ev.note ? `${where} · ${ev.note}` : where;
  if (!said || (ev.note && ev.note.includes(said))) return head;
  const chars = [...said];
  const short = chars.length > SNIPPET_CHARS ? `${chars.slice(0, SNIPPET_CHARS - 1).join("")}…` : said;
  // A direct quote brings its own marks ("…", 「…」): not wrapped twice.
  return /^["“'‘「『]/.test(short) ? `${head}: ${short}` : `${head}: “${short}”`;
}

function jumpLink(ev) {
  const col = view.columns[ev.col];
  const target = ev.idx === null || ev.idx === undefined ? `t-${ev.col}` : `s-${ev.col}-${ev.idx}`;
  const where = `${col.outlet || col.id} (${langName(col.lang)})`;
  return el("a", {
    href: `#${target}`,
    class: "jump",
    title: ev.text ? `“${ev.text}”` : null,
    text: evidenceLabel(where, ev),
    onclick: (e) => {
      e.preventDefault();
      const node = document.getElementById(target);
      if (!node) return;
      node.scrollIntoView({ block: "center", behavior: "smooth" });
      node.focus({ preventScroll: true });
      node.classList.add("flash");
      setTimeout(() => node.classList.remove("flash"), 1600);
    },
  });
}
