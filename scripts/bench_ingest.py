"""Ingest throughput and peak memory for 1,000 project-written articles.

The articles are made from the shipped sample corpus (our own text): article i is sample article
i mod 52 with every number in it shifted by a per-copy offset and its paragraphs rotated. Sentences
with a number are new text for every copy; sentences without one repeat across copies and come from
the embedding cache, as repeated wire sentences do in real news: ``embedded_texts`` says how many texts
the model actually ran on. A second run over the same files (everything already stored) shows the
cost of the duplicate check alone.
Each run is a fresh subprocess; peak memory is that process's max RSS.

    .venv/bin/python scripts/bench_ingest.py [--n 1000]
prints {"cold": {"articles": n, "seconds": s, "articles_per_s": r, "peak_mb": m}, "rerun": {...}}
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def make_corpus(n: int, out: Path) -> Path:
    from comparator.demo import sample_corpus_path

    base = [json.loads(line) for line in sample_corpus_path().read_text("utf-8").splitlines() if line.strip()]
    path = out / "bench.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            rec = dict(base[i % len(base)])
            copy = i // len(base) + 1
            shift = lambda m, c=copy: str(int(m.group()) + c * 7)  # noqa: E731
            paras = rec["text"].split("\n")
            rot = copy % max(1, len(paras))
            rec["text"] = re.sub(r"\d+", shift, "\n".join(paras[rot:] + paras[:rot]))
            rec["title"] = re.sub(r"\d+", shift, rec.get("title", "")) + f" ({copy})"
            rec["id"] = f"{rec['id']}-{copy}"
            rec["url"] = f"https://bench.example/{rec['id']}"
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from comparator.collection import Collection
from comparator.config import Settings
from comparator.embed import load_embedder
from comparator.pipeline import ingest_paths
settings = Settings.from_env(index_dir=Path(sys.argv[2]))
embedder = load_embedder(settings)
embedder.encode(["warm-up"])
coll = Collection(settings.index_dir, exact_max=settings.exact_index_max)
t = time.perf_counter()
report = ingest_paths([Path(sys.argv[1])], collection=coll, embedder=embedder, settings=settings)
dt = time.perf_counter() - t
n = len(report.added) + len(report.already_stored)
print(json.dumps({"articles": n, "added": len(report.added), "seconds": round(dt, 2),
                  "articles_per_s": round(n / dt, 2), "embedded_texts": report.embedded_texts,
                  "skipped": len(report.skipped),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description="ingest throughput benchmark")
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(args.n, Path(tmp))
        index = Path(tmp) / "index"
        result = {}
        for name in ("cold", "rerun"):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(corpus), str(index)],
                capture_output=True,
                text=True,
                check=True,
            )
            result[name] = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
