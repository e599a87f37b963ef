#!/bin/sh
# Print the path of a Chromium for the browser tests, installing one if needed:
# $CHROMIUM, else /usr/bin/chromium, else Debian's package (as root), else Playwright's download.
set -eu
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then echo "$CHROMIUM"; exit 0; fi
if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium with apt-get (one time, about 500 MB)…" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
fi
echo "No Chromium found; trying 'playwright install chromium'…" >&2
"${PYTHON:-python3}" -m playwright install chromium >&2
echo playwright
