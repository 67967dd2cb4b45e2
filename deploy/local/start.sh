#!/usr/bin/env bash
# npm start: the quick smoke check. Starts the local stack (or uses KAFKA_BROKERS /
# SCHEMA_REGISTRY_URL / REDIS_URL when set), creates Driftline's topics and schemas, produces the
# sample predictions and reads them back. The full demo is `npm run demo` (docs/demo.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [[ -z "${KAFKA_BROKERS:-}" || -z "${SCHEMA_REGISTRY_URL:-}" ]]; then
  bash deploy/local/stack.sh up
  set -a; . .stack/env; set +a
fi

driftline() { node --conditions=source --disable-warning=TimeoutNegativeWarning services/cli/src/main.ts "$@"; }

echo "== topics and schemas"
driftline topics create
echo "== produce deploy/local/samples/predictions.jsonl"
driftline produce predictions --file deploy/local/samples/predictions.jsonl
echo "== consume predictions (from the beginning, up to the current end)"
driftline consume predictions --from-beginning
