"""Typed errors. Every message names the input and says what is wrong with it."""

from __future__ import annotations

from typing import Literal

# What a batch does with a bad input: list it and go on ("skip"), or stop at it ("raise").
OnError = Literal["skip", "raise"]


class ComparatorError(Exception):
    """Base class of every error comparator raises on purpose."""


class InputError(ComparatorError):
    """A user-supplied input (file, record, text) cannot be used.

    ``source`` names the file (and line, when known) so a skipped-input summary can list it.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.where = None if source is None else (f"{source}:{line}" if line is not None else source)
        super().__init__(f"{self.where}: {message}" if self.where else message)
        self.reason = message


class UnsupportedLanguageError(InputError):
    """The text's language could not be identified or is not handled."""


class StoreError(ComparatorError):
    """The SQLite store is missing, locked, corrupt or of another format version."""


class IndexFormatError(StoreError):
    """A FAISS index on disk is missing, corrupt, or does not match the store."""


class ModelError(ComparatorError):
    """The embedding model cannot be built or loaded."""


class NotFoundError(ComparatorError):
    """A requested article or event id does not exist."""


class MissingDependencyError(ComparatorError):
    """An optional package is needed for this feature and is not installed."""

    def __init__(self, package: str, feature: str) -> None:
        super().__init__(f"{feature} needs the package '{package}': pip install {package}")
        self.package = package
