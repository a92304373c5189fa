#!/usr/bin/env bash
# Makes sure the pinned Schemathesis is installed in the project's own virtual environment
# (.venv/schemathesis, or SCHEMATHESIS_VENV) and prints the path of its `st` command.
# Installs only when the venv is missing or holds another version, so a second run is quick.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${SCHEMATHESIS_VENV:-$root/.venv/schemathesis}"
requirements="$here/requirements.txt"
wanted="$(sed -n 's/^schemathesis==//p' "$requirements")"

if [ -x "$venv/bin/st" ] && "$venv/bin/st" --version 2>/dev/null | grep -qx "st, version $wanted"; then
  echo "$venv/bin/st"
  exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "ensure-schemathesis: $python is needed to install Schemathesis" >&2
  exit 1
fi
echo "ensure-schemathesis: installing Schemathesis $wanted into $venv" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
"$venv/bin/st" --version >&2
echo "$venv/bin/st"
