#!/usr/bin/env bash
# WeasyPrint needs Pango (and HarfBuzz) from the system, and PDFs need fonts with Kazakh letters.
# Install them on Debian/Ubuntu where missing; elsewhere say what is needed.
set -euo pipefail
missing=()
ldconfig -p | grep -q "libpango-1.0.so" || missing+=(libpango-1.0-0)
ldconfig -p | grep -q "libpangoft2-1.0.so" || missing+=(libpangoft2-1.0-0)
ldconfig -p | grep -q "libharfbuzz-subset.so" || missing+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system libraries for WeasyPrint: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "WeasyPrint needs these system packages: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi
