// Normalize API JSON into the view model the columns are drawn from:
//   {columns: [{id, title, outlet, lang, published_at, url, text, sentences: [{idx, start, end, label}],
//               quoteMarks: [mark], flagMarks: [mark]}],
//    links: Map("col:idx" -> [{col, idx}]),   symmetric
//    differences: [{kind, kindLabel, summary, evidence: [{col, idx}]}]}
// A mark is {start, end, cls, title, dataset, quote?} in character offsets of the column's text.

export function viewFromArticles(articles) {
  return {
    columns: articles.map((a) => column(a, a.sentences.map((s) => ({ ...s, label: null })), a.quotes || [], [])),
    links: new Map(),
    differences: [],
  };
}

// The comparison report of comparator.compare (docs/report-schema.md, version 1.x).
export function viewFromReport(report) {
  const major = String(report.schema_version || "").split(".")[0];
  if (major !== "1") throw new Error(`report schema ${report.schema_version} is not one this page can draw (1.x)`);
  const colOf = new Map(report.articles.map((a, c) => [a.id, c]));
  const speakers = new Map((report.speakers || []).map((s) => [s.key, s]));
  const columns = report.articles.map((a) =>
    column(
      a,
      a.sentences.map((s) => ({ idx: s.idx, start: s.start, end: s.end, label: s.label })),
      (a.quotes || []).map((q) => ({ ...q, speaker_names: namesOf(speakers.get(q.speaker_key)) })),
      [...(a.terms || []).map(termMark), ...(a.numbers || []).filter(isDisputed).map(numberMark)],
    ),
  );
  const links = new Map();
  const link = (from, to) => {
    const key = `${from.col}:${from.idx}`;
    const list = links.get(key) || [];
    if (!list.some((t) => t.col === to.col && t.idx === to.idx)) list.push(to);
    links.set(key, list);
  };
  report.articles.forEach((a, c) => {
    for (const s of a.sentences) {
      for (const ref of s.links || []) {
        const other = colOf.get(ref.article);
        if (other === undefined) continue;
        link({ col: c, idx: s.idx }, { col: other, idx: ref.sentence });
        link({ col: other, idx: ref.sentence }, { col: c, idx: s.idx }); // symmetric even if one side omits it
      }
    }
  });
  const labels = new Map((report.kinds || []).map((k) => [k.kind, k.label]));
  const outletOf = (id) => {
    const c = colOf.get(id);
    return c === undefined ? id : columns[c].outlet || id;
  };
  const differences = (report.differences || []).map((d) => ({
    kind: d.kind,
    kindLabel: labels.get(d.kind) || d.kind,
    summary: d.summary,
    evidence: (d.evidence || [])
      .filter((e) => colOf.has(e.article))
      .map((e) => ({ col: colOf.get(e.article), idx: e.field === "title" ? null : e.sentence, note: e.note, text: e.text })),
    absent: (d.absent_from || []).map(outletOf),
  }));
  return { columns, links, differences };
}

function namesOf(speaker) {
  if (!speaker) return [];
  return [...new Set(Object.values(speaker.names || {}))];
}

function isDisputed(n) {
  return n.status === "disagrees" || n.status === "mixed";
}

const VARIANT_LABEL = { ko: "Korean usage", ja: "Japanese usage", neutral: "neutral wording" };

function termMark(t) {
  return {
    start: t.start,
    end: t.end,
    cls: `flag flag-term variant-${t.variant}`,
    title: `Contested term (${t.concept.replace(/_/g, " / ")}): ${VARIANT_LABEL[t.variant] || t.variant}` +
      (t.quoted ? ", cited (in quotation marks, attributed to a side or paired with the other name)" : ""),
    dataset: { concept: t.concept },
  };
}

function numberMark(n) {
  return {
    start: n.start,
    end: n.end,
    cls: "flag flag-number",
    title: n.status === "mixed"
      ? "This figure agrees with some reports and disagrees with others"
      : "This figure disagrees with the other reports",
    dataset: { group: n.group || "" },
  };
}

export function column(a, sentences, quotes, flags) {
  return {
    id: a.id,
    title: a.title,
    outlet: a.outlet,
    lang: a.lang,
    published_at: a.published_at,
    url: a.url,
    copy_of: a.copy_of || null,
    text: a.text,
    sentences,
    quoteMarks: quotes.map(quoteMark),
    flagMarks: flags,
  };
}

function quoteMark(q) {
  return {
    start: q.start,
    end: q.end,
    cls: `quote quote-${q.kind || "direct"}`,
    title: q.speaker ? `${q.kind === "indirect" ? "Reported speech" : "Quote"}: ${q.speaker}` : "Quote (speaker unknown)",
    dataset: { speakerKey: q.speaker_key || "" },
    quote: q,
  };
}
