"""The side-by-side web view: HTML shells rendered by Jinja2, filled by local JS from the JSON API.

Pages carry only ids (escaped by Jinja's autoescape); every article text reaches the page through
JSON and is put into the DOM with ``textContent``, never parsed as HTML. Everything is served from
``/static``: no CDN, no inline script (the app's Content-Security-Policy forbids both).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from comparator import __version__

WEB_DIR = Path(__file__).parent
router = APIRouter(include_in_schema=False)
_env: Any = None


def _templates() -> Any:
    global _env
    if _env is None:
        import jinja2

        _env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(WEB_DIR / "templates"), autoescape=True, auto_reload=False
        )
    return _env


def render(template: str, request: Request, **context: Any) -> HTMLResponse:
    html = _templates().get_template(template).render(version=__version__, path=request.url.path, **context)
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
def index_page(request: Request) -> HTMLResponse:
    return render("index.html", request, page="index", title="Search and events")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    return render("compare.html", request, page="event", title="Event", event_id=event_id, ids="")


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, ids: str = "") -> HTMLResponse:
    return render("compare.html", request, page="compare", title="Comparison", event_id="", ids=ids)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    return render("article.html", request, page="article", title="Article", article_id=article_id)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    return render("docs.html", request, page="docs", title="API reference")


def mount_web(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
