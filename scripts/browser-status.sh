#!/usr/bin/env bash
# Say plainly whether the browser tests will run.
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  echo "Browser tests: running with $chromium"
elif [ -n "${REQUIRE_BROWSER:-}" ]; then
  echo "Browser tests: REQUIRED but $chromium is missing" >&2
else
  echo "Browser tests: SKIPPED — no Chromium at $chromium (apt-get install chromium to run them)"
fi
