#!/usr/bin/env bash
# System packages Luotsi needs beyond Python: gettext (compiled translations) and the
# Pango/Cairo libraries WeasyPrint renders PDFs with. Installed with apt-get when missing
# and we are root; otherwise we say what is missing and stop.
set -euo pipefail
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]} (install them with your package manager)" >&2
  exit 1
fi
