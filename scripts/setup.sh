#!/usr/bin/env bash
# Set up nashr on Debian: system libraries (apt-get), a virtual environment in .venv, nashr itself.
#   bash scripts/setup.sh          what building needs
#   bash scripts/setup.sh --test   also what the tests need (poppler, a Java runtime, LibreOffice, Chromium,
#                                  a system Amiri)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need_package() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need_command() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }

# WeasyPrint's libraries; HarfBuzz's subsetter makes font subsetting several times faster.
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig; do need_package "$package"; done
python3 -c "import ensurepip" 2>/dev/null || need_package python3-venv
extras=""
if [[ "${1:-}" == "--test" ]]; then
  need_command pdftotext poppler-utils
  need_command java default-jre-headless     # EPUBCheck
  need_command soffice libreoffice-writer-nogui  # DOCX → PDF
  need_package chromium                          # the HTML galley's browser tests (Playwright drives it)
  need_package fonts-hosny-amiri  # a system-wide Amiri, as Arabic users have: the outputs must still use nashr's
  extras="[test]"
fi

if ((${#missing[@]})); then
  sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
