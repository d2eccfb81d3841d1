#!/usr/bin/env bash
# The README's test command: unit, integration (real database), collaboration server (real server
# processes) and browser tests, in that order.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
echo "== unit tests"; npx vitest run --project unit
echo "== integration tests (${TEST_DATABASE_URL:+PostgreSQL}${TEST_DATABASE_URL:-PGlite})"; npx vitest run --project integration
echo "== collaboration server tests (real server processes; ${TEST_DATABASE_URL:+PostgreSQL}${TEST_DATABASE_URL:-PGlite})"; npx vitest run --project collab
echo "== browser tests"; npm run test:e2e
