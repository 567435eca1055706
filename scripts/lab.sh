#!/usr/bin/env bash
# `npm run lab [-- --port N]`: opens the notebooks interactively. Starts the classic Jupyter notebook server
# (Debian's jupyter-notebook, installed by `npm run setup`) in the repository root with the project's own tslab
# kernel (.jupyter/kernels/tslab, found through JUPYTER_PATH), on 127.0.0.1, and prints the URL to open.
set -euo pipefail
cd "$(dirname "$0")/.."
port=8888
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]{0,4}$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 65535 ] || { echo "lab: --port needs a number from 1 to 65535" >&2; exit 2; }; port="$2"; shift 2 ;;
    -h|--help) echo "usage: npm run lab [-- --port N]   (default port 8888; prints the URL with its token)"; exit 0 ;;
    --port=*) set -- --port "${1#--port=}" "${@:2}" ;;
    *) echo "lab: unknown option \"$1\" (usage: npm run lab -- --port N; npm needs the -- before the script's options)" >&2; exit 2 ;;
  esac
done
if ! [ -x /usr/bin/jupyter-notebook ]; then
  echo "lab: the Jupyter notebook server is missing. Install it with:  npm run setup" >&2
  echo "  (Debian/Ubuntu: apt-get install -y --no-install-recommends jupyter-notebook)" >&2
  exit 3
fi
if ! [ -x node_modules/.bin/tslab ]; then echo "lab: tslab is missing: run npm ci" >&2; exit 3; fi
export JUPYTER_PATH="$PWD/.jupyter"
as_root=(); [ "$(id -u)" -eq 0 ] && as_root=(--allow-root) # containers and CI machines run as root
echo "lab: starting Jupyter on http://127.0.0.1:$port/ with the TypeScript (tslab) kernel."
echo "lab: open the URL with its token that Jupyter prints below, then notebooks/ (start with 00-thesis-claims). Ctrl-C stops it."
exec /usr/bin/jupyter-notebook --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 --notebook-dir="$PWD" \
  --NotebookApp.default_url=/tree/notebooks "${as_root[@]}"
