"""Re-published copies in a comparison: a near-copy picked with its original is one source, not two.

Used by the API's stored comparison and by ``comparator compare`` on stored ids, so both fold the
same way. Pure: articles and their vectors in, the kept ones and what was left out back.
"""

from __future__ import annotations

from typing import Any

from comparator.schema import Article


def fold_copies(
    articles: list[Article], vectors: list[Any], *, min_articles: int = 2
) -> tuple[list[Article], list[Any], list[dict[str, str | None]]]:
    """Leave out each picked near-copy whose original is picked too, while two reports remain.

    A re-published wire story is the same source as its original: compared as a second report it
    becomes a second "outlet" carrying every fact and agreeing with every figure. Picked without its
    original it stands in for it (and is marked with copy_of); picked with only its original, the two
    are compared, since that is a deliberate look at what the re-publisher changed.
    """
    ids = {a.id for a in articles}
    drop = [k for k, a in enumerate(articles) if a.copy_of and a.copy_of in ids]
    if len(articles) - len(drop) < min_articles:
        return articles, vectors, []
    folded = [
        {"id": articles[k].id, "copy_of": articles[k].copy_of, "outlet": articles[k].outlet} for k in drop
    ]
    keep = [k for k in range(len(articles)) if k not in drop]
    return [articles[k] for k in keep], [vectors[k] for k in keep], folded
