# Shared by scripts/run, scripts/test and scripts/bundle: a project virtualenv and the system
# libraries. Also runs in Git Bash on Windows (the bundle workflow), where a venv keeps its
# programs in Scripts/ and Python is usually called python.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${INSPECTOR_VENV:-$ROOT/.venv}"
case "$(uname -s 2>/dev/null || true)" in
  MINGW* | MSYS* | CYGWIN*) VBIN="$VENV/Scripts"; PY_DEFAULT=python ;;
  *) VBIN="$VENV/bin"; PY_DEFAULT=python3 ;;
esac
PY="${PYTHON:-$PY_DEFAULT}"

# Debian/Ubuntu packages Qt needs to run (offscreen or on a screen), poppler-utils for
# looking at PDFs, PostgreSQL for the HQ tests, Chromium for the phone page tests (driven by
# Playwright through its executable path; Playwright's own browser download is never used).
SYSTEM_PACKAGES_APP="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0"
SYSTEM_PACKAGES_TEST="$SYSTEM_PACKAGES_APP poppler-utils postgresql chromium"

ensure_system_packages() {
  local wanted="$1" missing=()
  command -v dpkg-query >/dev/null 2>&1 || return 0
  for p in $wanted; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "warning: missing system packages (${missing[*]}); install them with apt-get" >&2
      return 0
    fi
  fi
  echo "installing system packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  local extra="$1"
  if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: Python 3.11 or newer is needed (found: $("$PY" --version 2>&1))" >&2
    exit 1
  fi
  if [ ! -x "$VBIN/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$extra"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    "$VBIN/python" -m pip install -q --disable-pip-version-check -e "$ROOT[$extra]"
    touch "$stamp"
  fi
}

# Free TrueType fallback fonts for PDF text the bundled CJK font lacks (Arabic, Hebrew,
# Cyrillic, symbols, emoji); see inspector/reports/fonts.py. The app needs them, so do tests.
SYSTEM_PACKAGES_FONTS="fonts-dejavu-core fonts-symbola"
SYSTEM_PACKAGES_APP="$SYSTEM_PACKAGES_APP $SYSTEM_PACKAGES_FONTS"
SYSTEM_PACKAGES_TEST="$SYSTEM_PACKAGES_TEST $SYSTEM_PACKAGES_FONTS"
