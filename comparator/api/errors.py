"""One place that turns errors into HTTP responses: ``{"error": <type>, "message": <text>}``.

ComparatorError subclasses map to a status by class (the most specific class wins); request
validation errors become 422 with the offending parameter named; anything else is a 500 that is
logged with its traceback and answered without one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from comparator.errors import (
    ComparatorError,
    IndexFormatError,
    InputError,
    MissingDependencyError,
    ModelError,
    NotFoundError,
    StoreError,
)

log = logging.getLogger(__name__)


class FeatureUnavailableError(ComparatorError):
    """A feature whose engine is not part of this installation (or whose batch job has not run)."""


# Most specific first: the first class the error is an instance of decides.
STATUS_BY_ERROR: tuple[tuple[type[ComparatorError], int], ...] = (
    (NotFoundError, 404),
    (InputError, 422),
    (IndexFormatError, 500),
    (StoreError, 503),
    (ModelError, 503),
    (MissingDependencyError, 501),
    (FeatureUnavailableError, 501),
    (ComparatorError, 500),
)


def status_for(exc: ComparatorError) -> int:
    for cls, status in STATUS_BY_ERROR:
        if isinstance(exc, cls):
            return status
    return 500


def error_body(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": kind, "message": message, **extra}


# An absolute path of two or more parts, or one under the home directory ("/tmp/qa3/idx",
# "~/.cache/comparator/models"): where the server keeps its files, which is no client's business.
_PATH_CHARS = r"[^\s'\"/:,;()]"
_SERVER_PATH = re.compile(rf"(?<![\w.~/-])~?/(?:{_PATH_CHARS}+/)+{_PATH_CHARS}*")


def public_message(message: str, known_dirs: Iterable[Path] = ()) -> str:
    """``message`` without the server's paths, for an error body: a path in one of ``known_dirs``
    (the index) becomes "the index" ("the index's store.sqlite" for a file in it), any other
    absolute path "[server path]". The ids and values the client sent stay. The library keeps the
    paths in its messages because the CLI's user is on the machine and needs them."""
    for d in sorted(
        {str(p) for k in known_dirs for p in (k, k.expanduser().resolve())}, key=len, reverse=True
    ):
        message = re.sub(
            rf"{re.escape(d.rstrip('/'))}(?:/(?P<rest>{_PATH_CHARS}+(?:/{_PATH_CHARS}+)*))?(?![^\s'\":,;()])",
            lambda m: f"the index's {m.group('rest')}" if m.group("rest") else "the index",
            message,
        )
    return _SERVER_PATH.sub("[server path]", message)


def _known_dirs(request: Request) -> list[Path]:
    settings = getattr(getattr(request.app.state, "api", None), "settings", None)
    index_dir = getattr(settings, "index_dir", None)
    return [Path(index_dir)] if index_dir else []


def _comparator_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ComparatorError)
    status = status_for(exc)
    if status == 500:
        log.error("%s %s: %s", request.method, request.url.path, exc, exc_info=exc)
    elif status > 500:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
    # The log keeps the paths (an operator reads it); the body sent to the client does not.
    return JSONResponse(
        error_body(type(exc).__name__, public_message(str(exc), _known_dirs(request))), status_code=status
    )


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    message = "; ".join(_describe(d) for d in details) or "invalid request"
    if _body_not_sent_as_json(request, details):
        message = (
            f"the body must be JSON sent with content-type application/json, not {_content_type(request)!r}"
        )
    return JSONResponse(error_body("InputError", message, details=details), status_code=422)


def _describe(detail: dict[str, Any]) -> str:
    if detail["type"] == "json_invalid":
        return "the body is not valid JSON"
    return f"{_where(detail['loc'])}: {detail['msg']}"


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _body_not_sent_as_json(request: Request, details: list[dict[str, Any]]) -> bool:
    # FastAPI parses the body as JSON only when the content type says JSON; otherwise the raw bytes
    # reach validation and the message would talk about pydantic models ('ArticleIn') instead.
    kind = _content_type(request)
    json_type = kind == "application/json" or kind.endswith("+json")
    return not json_type and any(d["loc"][:1] == ["body"] for d in details)


def _where(loc: list[str]) -> str:
    if not loc:
        return "request"
    kind, rest = loc[0], loc[1:]
    names = {"query": "query parameter", "path": "path parameter", "body": "body", "header": "header"}
    return f"{names.get(kind, kind)} '{'.'.join(rest)}'" if rest else names.get(kind, kind)


# The detail FastAPI gives when the body cannot be decoded at all (e.g. bytes that are not UTF-8).
_FASTAPI_BODY_PARSE_ERROR = "There was an error parsing the body"


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    kinds = {404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge"}
    message = str(exc.detail) if exc.detail else "error"
    if exc.status_code == 400 and message == _FASTAPI_BODY_PARSE_ERROR:
        # FastAPI answers a JSON body that is not UTF-8 with a bare 400; it is a bad input like any
        # other malformed body, so it gets the documented 422 and says what is wrong.
        return JSONResponse(
            error_body("InputError", "the body is not valid JSON: it must be UTF-8 encoded"), status_code=422
        )
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such page or endpoint: {request.url.path}"
    return JSONResponse(
        error_body(kinds.get(exc.status_code, "HTTPError"), message),
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(
        error_body("InternalError", f"internal error while handling {request.url.path}; see the server log"),
        status_code=500,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ComparatorError, _comparator_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
