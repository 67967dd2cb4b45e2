#!/usr/bin/env bash
# Creates libs/detectors/.venv (git-ignored) with River 0.26.1, for the fixture script and the
# River side of the benchmark. Tests never need it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-python3.11}"
if [ ! -x "$here/.venv/bin/python" ]; then "$py" -m venv "$here/.venv"; fi
if ! "$here/.venv/bin/python" -c 'import river, sys; sys.exit(river.__version__ != "0.26.1")' 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet 'river==0.26.1'
fi
echo "$here/.venv/bin/python"
