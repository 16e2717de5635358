#!/usr/bin/env bash
# Checks a losses4j report in headless Chromium, offline: every image decodes and nothing reaches beyond the window,
# at a desktop (1280 px) and a phone (420 px) width. The same check as ReportBrowserTest, for any report.html.
#
#   tools/report/check-report.sh out/boston/report.html
#
# Needs Chromium (Debian: apt-get install chromium; or CHROMIUM=/path/to/chrome). Prints one JSON line per width and
# exits 1 when an image fails or something overflows.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
report="${1:?usage: tools/report/check-report.sh REPORT.html}"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
[ -n "$browser" ] || { echo "check-report: no Chromium found (apt-get install chromium, or set CHROMIUM)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{ cat "$report"; echo '<script>'; cat "$here/cli/src/test/resources/org/losses4j/cli/train/report-check.js"; echo '</script>'; } \
  > "$work/check.html"
status=0
for width in 1280 420; do
  json="$("$browser" --headless --no-sandbox --disable-gpu --no-proxy-server --no-first-run \
      --user-data-dir="$work/profile-$width" --window-size="$width,900" --virtual-time-budget=10000 \
      --dump-dom "file://$work/check.html" 2>/dev/null \
    | sed -n 's/.*<pre id="losses4j-check">\([^<]*\)<\/pre>.*/\1/p' | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g')"
  [ -n "$json" ] || { echo "check-report: the check did not run at $width px" >&2; exit 1; }
  echo "$width px: $json"
  case "$json" in
    *'"loaded":false'*|*'"overflow":["'*) status=1 ;;
  esac
done
exit $status
