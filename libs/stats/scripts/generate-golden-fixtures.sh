#!/usr/bin/env bash
# Regenerates test/fixtures/drift-golden.json from the real reference implementations
# (Evidently's stattests and SciPy). Needs Python 3.11 and PyPI; tests never run this.
# Usage: bash libs/stats/scripts/generate-golden-fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="$root/.venv"
python="${PYTHON:-python3.11}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/pip" install --quiet 'evidently==0.7.21' 'scipy==1.17.1' 'numpy==2.4.6' 'pandas==2.3.3'
# Evidently orders category keys by iterating a Python set: fix the string hash seed so the
# summation order (and so the last bit of some values) is reproducible.
PYTHONHASHSEED=0 "$venv/bin/python" "$here/generate_golden_fixtures.py" "$root/test/fixtures/drift-golden.json"
