#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: set up, install the browser-test system packages, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# Browser tests drive Debian's chromium; CJK fonts so Japanese and Korean do not render as boxes.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
exec .venv/bin/python -m pytest "$@"
