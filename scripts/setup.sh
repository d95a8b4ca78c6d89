# Sourced by scripts/build and scripts/test: a project virtualenv with the locked packages and the package.
# requirements-lock.txt pins every package the build and the tests use, each with its files' hashes (anything
# else is refused); ncp-site itself is then installed from this folder without dependencies. uv installs
# them (in parallel, byte-compiled: 5 s where pip took 20); uv itself comes first, through pip, from its own
# pin and hashes in the lock. All of it runs again only when the lock or pyproject.toml changed, so repeated
# runs are quick. scripts/lock writes the lock.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed-lock"
if [ ! -f "$stamp" ] || [ requirements-lock.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -c 'import re, sys; sys.stdout.write(re.search(r"^uv==.*?\n(?=\S|\Z)",
    open("requirements-lock.txt", encoding="utf-8").read(), re.M | re.S).group(0))' > .venv/uv-lock.txt
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r .venv/uv-lock.txt
  .venv/bin/uv pip install --quiet --python .venv/bin/python --require-hashes --compile-bytecode -r requirements-lock.txt
  .venv/bin/uv pip install --quiet --python .venv/bin/python --no-deps --no-build-isolation -e .
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
