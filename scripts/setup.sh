#!/usr/bin/env bash
# Set up comparator on a fresh machine: .venv/ in the repo root with the package and its dependencies.
# Idempotent: a second run only checks. Needs Python 3.11 and the package registries (no other network).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
# torch==2.13.0 is pinned in pyproject.toml: on these machines it resolves to the CPU build on disk;
# an unpinned torch would pull a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
.venv/bin/python -c "import comparator, torch, faiss, fugashi, kiwipiepy, trafilatura; print('setup: ok, torch', torch.__version__)"
