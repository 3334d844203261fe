"""GET /api/compare?ids=a,b[,c,d] (stored articles) and POST /api/compare (texts given directly).

Both answer with the comparison report of comparator.compare as JSON (docs/report-schema.md). The
report's shape belongs to the comparison engine, so it is passed through as it is, not re-modelled;
the stored comparison adds each article's ``copy_of`` and ``folded_copies``: picked near-copies left
out because their original is picked too (a re-publication is not a second source).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from comparator.api.deps import State, feature
from comparator.api.models import ArticleIn, CompareIn
from comparator.api.state import StoreCachedEmbedder
from comparator.copies import fold_copies
from comparator.errors import InputError
from comparator.schema import Article

router = APIRouter(tags=["compare"])

MIN_ARTICLES, MAX_ARTICLES = 2, 4  # the side-by-side view has room for four columns


@router.get("/api/compare", response_model=dict[str, Any])
def compare_stored(
    state: State,
    ids: Annotated[str, Query(description="2 to 4 article ids, comma-separated.", max_length=4096)],
) -> dict[str, Any]:
    """The comparison report of stored articles (docs/report-schema.md)."""
    wanted = parse_ids(ids)
    compare = feature("compare")
    load_stored = feature("compare", "load_stored")
    with state.store_lock.read():  # read under the lock; the comparison itself runs outside it
        articles, vectors = load_stored(state.services.collection, wanted)
    articles, vectors, folded = fold_copies(articles, vectors)
    report = dict(compare(articles, embedder=state.embedder, vectors=vectors).to_dict())
    return with_copies(report, articles, folded)


def with_copies(
    report: dict[str, Any], articles: list[Article], folded: list[dict[str, str | None]]
) -> dict[str, Any]:
    """The report with each article's copy_of and the picked copies left out (``folded_copies``)."""
    copy_of = {a.id: a.copy_of for a in articles}
    for art in report.get("articles", []):
        art["copy_of"] = copy_of.get(art.get("id"))
    report["folded_copies"] = folded
    return report


@router.post("/api/compare", response_model=dict[str, Any])
def compare_texts(state: State, body: CompareIn) -> dict[str, Any]:
    """Compare texts that are not stored: each is identified and segmented like an ingested one."""
    compare = feature("compare")
    articles = prepare_texts(body.articles, max_chars=state.settings.max_text_chars)
    return dict(compare(articles, embedder=StoreCachedEmbedder(state)).to_dict())


def parse_ids(ids: str) -> list[str]:
    wanted = list(dict.fromkeys(x.strip() for x in ids.split(",") if x.strip()))
    _check_count(len(wanted), "query parameter 'ids'")
    return wanted


def _check_count(n: int, source: str) -> None:
    if not MIN_ARTICLES <= n <= MAX_ARTICLES:
        raise InputError(
            f"give {MIN_ARTICLES} to {MAX_ARTICLES} distinct articles to compare, not {n}", source=source
        )


def prepare_texts(records: list[ArticleIn], *, max_chars: int) -> list[Article]:
    from comparator.ingest.jsonl import document_from_record
    from comparator.pipeline import prepare_article

    _check_count(len(records), "body 'articles'")
    out: list[Article] = []
    for i, rec in enumerate(records):
        source = f"body.articles[{i}]"
        if rec.text is not None and len(rec.text) > max_chars:
            raise InputError(
                f"text has {len(rec.text):,} characters; the limit is {max_chars:,} (setting COMPARATOR_MAX_TEXT_CHARS)",
                source=source,
            )
        record = rec.model_dump(exclude_none=True)
        record.setdefault("id", f"text-{i + 1}")
        record["id"] = str(record["id"])
        out.append(prepare_article(document_from_record(record, source=source), max_chars=max_chars))
    if len({a.id for a in out}) != len(out):
        raise InputError("two texts have the same id", source="body 'articles'")
    return out
