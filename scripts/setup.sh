# Sourced by scripts/build and scripts/test: a project virtualenv with the locked packages and the package.
# requirements-lock.txt pins every package the build and the tests use, each with its files' hashes (pip
# refuses anything else); ncp-site itself is then installed from this folder without dependencies. Both run
# again only when the lock or pyproject.toml changed, so repeated runs are quick. scripts/lock writes the lock.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed-lock"
if [ ! -f "$stamp" ] || [ requirements-lock.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-lock.txt
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
