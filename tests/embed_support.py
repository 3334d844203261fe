"""Texts the embedding tests share (our own writing)."""

from __future__ import annotations


def long_text(lang: str) -> str:
    """About 1,500 tokens in ``lang`` (ja/ko/en): longer than one 512-token window."""
    part = {
        "ja": "第{i}回の協議では、漁業資源の共同管理と補償の範囲について意見が交わされた。",
        "ko": "제{i}차 협의에서는 어업 자원의 공동 관리와 보상 범위에 대해 의견이 오갔다.",
        "en": "In round {i} of the talks, the two sides discussed joint management of fish stocks.",
    }[lang]
    return " ".join(part.format(i=i) for i in range(60))
