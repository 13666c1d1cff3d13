#!/usr/bin/env bash
# The whole test suite (`npm test`): Debian packages it needs, the web UI build (the UI tests drive
# the built app), then vitest once with a JSON report, closing with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
if [ -f web/vite.config.ts ]; then
  npx vite build --config web/vite.config.ts --logLevel warn || { echo "0 passed, 1 failed"; exit 1; }
fi

report=.vitest-results.json
rm -f "$report"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?

if [ -f "$report" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const brokenFiles = (r.testResults || []).filter((f) => f.status === "failed" && (f.assertionResults || []).length === 0).length;
    const failed = r.numFailedTests + brokenFiles;
    console.log(`${r.numPassedTests} passed, ${failed} failed`);
    if (r.numTotalTests === 0 || failed > 0) process.exit(1);
  ' "$report" || status=1
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
