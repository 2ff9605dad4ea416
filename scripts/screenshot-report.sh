#!/usr/bin/env bash
# Renders an afd report.html in headless Chromium and checks the screenshot is not blank.
#
# Usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH,HEIGHT]
#
# Installs nothing: it needs /usr/bin/chromium (Debian: apt-get install -y chromium) and java.
# Networking is switched off as far as Chromium allows; the report must not need it.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
report=$1
out=$2
size=${3:-1400,2000}
chromium=${CHROMIUM:-/usr/bin/chromium}

if [[ ! -x "$chromium" ]]; then
  echo "Chromium not found at '$chromium'; install it with: apt-get install -y chromium" >&2
  exit 2
fi
if [[ ! -f "$report" ]]; then
  echo "Report '$report' does not exist" >&2
  exit 2
fi

report_url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
out_path="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

rm -f "$out_path"
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out_path" --window-size="$size" "$report_url" \
  >"$profile/chromium.log" 2>&1 || {
  cat "$profile/chromium.log" >&2
  exit 1
}
if [[ ! -s "$out_path" ]]; then
  cat "$profile/chromium.log" >&2
  echo "Chromium wrote no screenshot to '$out_path'" >&2
  exit 1
fi

java "$(dirname "$0")/CheckScreenshot.java" "$out_path"
