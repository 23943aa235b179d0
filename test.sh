#!/usr/bin/env bash
# Coffer's test command. On a fresh Debian machine with the .NET SDK it installs what the tests need, builds
# everything and runs every test suite, then prints one line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The README's Python example runs under Debian's python3-azure (it exists only for /usr/bin/python3).
if ! /usr/bin/python3 -c 'import azure.keyvault.secrets, azure.identity' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-azure >/dev/null
  else
    echo "test.sh: the tests need Debian's python3-azure: sudo apt-get install python3-azure" >&2
    exit 1
  fi
fi

# The JavaScript compatibility tests (test/js) run the Azure SDK for JavaScript, pinned by its lockfile.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "test.sh: the tests need Node.js 20 or later with npm" >&2
  exit 1
fi
npm ci --prefix test/js --no-audit --no-fund --loglevel=error

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test --solution Coffer.slnx 2>&1 | tee "$log" || status=$?

# Microsoft.Testing.Platform ends with a summary block; restate it as the plain closing line.
total=$(grep -E '^\s*total:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s*failed:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
passed=$(grep -E '^\s*succeeded:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s*skipped:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the run failed before or outside a test (build error, crash): never report it as green
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$total" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
