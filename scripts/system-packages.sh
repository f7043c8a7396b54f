#!/usr/bin/env bash
# System packages Luotsi needs beyond Python, installed with apt-get when missing and we
# are root (otherwise we name what is missing):
#   gettext             compiled translations (msgfmt)
#   libpango-1.0-0 ...  the Pango/Cairo libraries WeasyPrint renders PDFs with
#   chromium            the browser the end-to-end tests drive through Playwright
set -euo pipefail
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Fonts with full Finnish and Swedish glyphs for PDFs and screenshots.
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with your package manager (Debian: apt-get install ${need[*]})." >&2
  case " ${need[*]} " in
    *" gettext "*|*" libpango"*) exit 1 ;;
    *) echo "Continuing: the browser tests will be skipped." >&2 ;;
  esac
fi
