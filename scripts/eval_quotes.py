"""Score English quote extraction on the PolNeAR dev split; print JSON (percent).

    .venv/bin/python scripts/eval_quotes.py [--data DIR] [--details] [--half all|tune|check]

prints ``{"content_overlap_f1": .., "source_exact_f1": ..}``; ``--details`` adds precision,
recall and counts. The data (../shared/data/polnear_quote_attribution_en_dev) is read in place; when
it is absent both scores are null and a "note" says why.

Metrics (the exact-match and overlap metrics of Pareti's PARC work as implemented in BBC Citron's
evaluation, on word tokens: runs of letters/digits, or single other characters):

* content_overlap_f1 -- token overlap of content spans. P = tokens of predicted contents that lie
  inside a gold content span / tokens of predicted contents; R = gold content tokens covered by a
  predicted content (each counted once, even under overlapping predictions) / tokens of gold
  contents; F1 = 2PR/(P+R). Summed over the whole corpus before dividing (micro).
* source_exact_f1 -- a predicted quote is correct when some gold attribution has a cue span that
  overlaps the predicted cue and a source span list equal to the predicted one at token level
  (start and end token both equal; a quote without source matches a gold one without source).
  P = correct predicted quotes / predicted quotes; R = gold attributions matched by some predicted
  quote / gold attributions.

Several annotators: 8 of the 84 dev articles were annotated by more than one person (up to 6). Each
article counts once: its counts against each of its k annotations are weighted 1/k (the expected
score against an annotator drawn at random), so no annotator is preferred and well-studied
articles are not over-weighted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear_quote_attribution_en_dev" / "upstream" / "dev"
_TOKEN = re.compile(r"\w+|[^\w\s]")

Span = tuple[int, int]


@dataclass
class Gold:
    cues: list[Span] = field(default_factory=list)
    sources: list[Span] = field(default_factory=list)
    contents: list[Span] = field(default_factory=list)


def parse_ann(path: Path) -> list[Gold]:
    """Attribution relations of one brat .ann file (discontinuous spans and Content2 roles kept)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    spans: dict[str, list[Span]] = {}
    for line in lines:
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            _label, _, locs = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, loc.split())) for loc in locs.split(";")]  # type: ignore[misc]
    rels = []
    for line in lines:
        parts = line.split("\t")
        if not parts[0].startswith("E") or len(parts) < 2:
            continue
        g = Gold()
        for arg in parts[1].split()[1:]:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            target = {"Cue": g.cues, "Source": g.sources, "Content": g.contents}.get(role)
            if target is not None:
                target.extend(spans[tid])
        if g.cues or g.contents:
            rels.append(g)
    return rels


def load(data: Path) -> dict[str, tuple[str, list[list[Gold]]]]:
    """article name -> (text, one gold list per annotator)."""
    out: dict[str, tuple[str, list[list[Gold]]]] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name not in out:
            out[name] = ((data / "text" / f"{name}.txt").read_text(encoding="utf-8"), [])
        out[name][1].append(parse_ann(ann))
    return out


class Tokens:
    """Word-token view of a text: char span -> token index range."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in _TOKEN.finditer(text)]
        self.ends = [m.end() for m in _TOKEN.finditer(text)]

    def ids(self, span: Span) -> set[int]:
        s, e = span
        return {i for i, (a, b) in enumerate(zip(self.starts, self.ends, strict=True)) if a < e and s < b}

    def rng(self, span: Span) -> tuple[int, int] | None:
        ids = self.ids(span)
        return (min(ids), max(ids) + 1) if ids else None


def score_article(text: str, preds: list, gold: list[Gold], tok: Tokens) -> dict[str, float]:
    """Counts for one article against one annotator."""
    gold_content = set().union(*[tok.ids(s) for g in gold for s in g.contents]) if gold else set()
    pred_content = [tok.ids((q.start, q.end)) for q in preds]
    c: dict[str, float] = defaultdict(float)
    for ids in pred_content:
        c["content_pred"] += len(ids)
        c["content_overlap"] += len(ids & gold_content)
    # Recall counts each gold-covered token once, however many predicted quotes contain it:
    # overlapping predictions must not add recall by repeating the same words.
    c["content_covered"] = float(len(set().union(*pred_content) & gold_content)) if pred_content else 0.0
    c["content_gold"] = float(sum(len(tok.ids(s)) for g in gold for s in g.contents))

    def src(spans: list[Span]) -> list:
        return sorted(r for r in (tok.rng(s) for s in spans) if r)

    gold_src = [src(g.sources) for g in gold]
    pred_src = [src([(q.speaker_start, q.speaker_end)]) if q.speaker_start is not None else [] for q in preds]

    def match(qi: int, gi: int) -> bool:
        q = preds[qi]
        if q.cue_start is None:
            return False
        cue = (q.cue_start, q.cue_end)
        return any(a < cue[1] and cue[0] < b for a, b in gold[gi].cues) and pred_src[qi] == gold_src[gi]

    c["source_pred"] = float(len(preds))
    c["source_gold"] = float(len(gold))
    c["source_tp_p"] = float(sum(any(match(qi, gi) for gi in range(len(gold))) for qi in range(len(preds))))
    c["source_tp_r"] = float(sum(any(match(qi, gi) for qi in range(len(preds))) for gi in range(len(gold))))
    return c


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def halves(names: list[str]) -> dict[str, str]:
    """Split articles into two equal halves: "tune" (the rules were developed on it) and "check"
    (held out while tuning). Ordered by a hash of the article name, so the split never moves."""
    order = sorted(names, key=lambda n: hashlib.sha1(n.encode("utf-8")).hexdigest())
    return {n: "tune" if i < (len(order) + 1) // 2 else "check" for i, n in enumerate(order)}


def evaluate(data: Path, half: str = "all") -> dict[str, object]:
    from comparator.quotes import extract_quotes
    from comparator.schema import Article

    totals: dict[str, float] = defaultdict(float)
    corpus = load(data)
    split = halves(list(corpus))
    corpus = {n: v for n, v in corpus.items() if half in ("all", split[n])}
    for name, (text, annotators) in corpus.items():
        preds = extract_quotes(Article(id=name, text=text, lang="en"))
        tok = Tokens(text)
        for gold in annotators:
            for k, v in score_article(text, preds, gold, tok).items():
                totals[k] += v / len(annotators)
    cp = totals["content_overlap"] / totals["content_pred"] if totals["content_pred"] else 0.0
    cr = totals["content_covered"] / totals["content_gold"] if totals["content_gold"] else 0.0
    sp = totals["source_tp_p"] / totals["source_pred"] if totals["source_pred"] else 0.0
    sr = totals["source_tp_r"] / totals["source_gold"] if totals["source_gold"] else 0.0
    return {
        "content_overlap_f1": round(100 * f1(cp, cr), 2),
        "source_exact_f1": round(100 * f1(sp, sr), 2),
        "details": {
            "articles": len(corpus),
            "content_precision": round(100 * cp, 2),
            "content_recall": round(100 * cr, 2),
            "source_precision": round(100 * sp, 2),
            "source_recall": round(100 * sr, 2),
            "predicted_quotes": round(totals["source_pred"], 1),
            "gold_attributions": round(totals["source_gold"], 1),
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="PolNeAR split folder (text/, attributions/)"
    )
    ap.add_argument("--details", action="store_true", help="add precision, recall and counts")
    ap.add_argument(
        "--half",
        choices=("all", "tune", "check"),
        default="all",
        help="score one half of the articles: 'tune' (used to develop the rules) or 'check' (held out)",
    )
    args = ap.parse_args(argv)
    if not (args.data / "attributions").is_dir():
        out: dict[str, object] = {
            "content_overlap_f1": None,
            "source_exact_f1": None,
            "note": f"PolNeAR data not found at {args.data}",
        }
    else:
        out = evaluate(args.data, args.half)
        if args.half != "all":
            out["half"] = args.half
        if not args.details:
            out.pop("details")
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
