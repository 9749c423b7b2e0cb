#!/usr/bin/env bash
# Set up nashr on Debian: system libraries (apt-get), a virtual environment in .venv, nashr itself.
#   bash scripts/setup.sh          what building needs
#   bash scripts/setup.sh --test   also what the tests need (poppler, a Java runtime, LibreOffice)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig)
extras=""
if [[ "${1:-}" == "--test" ]]; then
  packages+=(poppler-utils default-jre-headless libreoffice-writer-nogui)
  extras="[test]"
fi
python3 -c "import ensurepip" 2>/dev/null || packages+=(python3-venv)

missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
