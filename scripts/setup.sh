# Sourced by scripts/build and scripts/test: a project virtualenv with the package installed.
# Re-installs only when pyproject.toml changed, so repeated runs are quick.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
extras="${NCP_EXTRAS:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  # PyICU (the never-publish list's look-alike letters) is built against the system's ICU.
  if ! .venv/bin/python -c "import icu" 2>/dev/null && { ! pkg-config --exists icu-i18n 2>/dev/null || ! command -v g++ >/dev/null; }; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libicu-dev pkg-config g++ >/dev/null
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
