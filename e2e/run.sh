#!/usr/bin/env bash
# npm run e2e: installs code-server into the cache when needed, then runs the end-to-end tests.
# Arguments go to e2e/run.mjs (--verbose, --skip-suite, --skip-ui, --keep-running, --no-build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE="$ROOT/node_modules/node/bin/node"
[ -x "$NODE" ] || NODE="$ROOT/node_modules/.bin/node"
bash "$ROOT/e2e/install-code-server.sh"
exec "$NODE" "$ROOT/e2e/run.mjs" "$@"
