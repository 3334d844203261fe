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

export function viewFromReport(report) {
  throw new Error("this page does not know the comparison report's shape yet");
}

export function column(a, sentences, quotes, flags) {
  return {
    id: a.id,
    title: a.title,
    outlet: a.outlet,
    lang: a.lang,
    published_at: a.published_at,
    url: a.url,
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
