#!/usr/bin/env bash
# Executes every notebook under notebooks/ headless with Jupyter and the project-local tslab kernel.
# Outputs go to build/notebooks/ (the committed notebooks stay output-free). A failing cell fails the run,
# and its error text is printed (tslab only reports it inside the cell output, so a failed notebook is run
# once more with --allow-errors to extract the message). Then every figure of the executed notebooks is checked
# (scripts/check-notebook-figures.ts: title, axis titles, PNG); a figure without them fails the run too.
set -uo pipefail
cd "$(dirname "$0")/.."
JUPYTER=/usr/bin/jupyter
if ! [ -x "$JUPYTER" ] || ! /usr/bin/python3 -c "import nbclient, nbconvert" 2>/dev/null; then
  echo "Jupyter is missing. Install it with:  npm run setup" >&2
  echo "  (Debian/Ubuntu: sudo apt-get install -y --no-install-recommends jupyter-core jupyter-client jupyter-nbconvert python3-nbclient)" >&2
  exit 1
fi
if ! [ -x node_modules/.bin/tslab ]; then echo "tslab is missing: run npm ci" >&2; exit 1; fi
export JUPYTER_PATH="$PWD/.jupyter"
mkdir -p build/notebooks
rm -rf build/notebooks/figures  # the figure check must see this run's PNGs only
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then echo "no notebooks found under notebooks/" >&2; exit 1; fi
failed=0
executed=()
for nb in "${notebooks[@]}"; do
  start=$(date +%s)
  args=(nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=tslab
        --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.startup_timeout=120 --output-dir build/notebooks)
  executed+=("build/notebooks/$(basename "$nb")")
  if "$JUPYTER" "${args[@]}" "$nb" >build/notebooks/"$(basename "$nb" .ipynb)".log 2>&1; then
    echo "notebook ok     $nb ($(( $(date +%s) - start )) s)"
  else
    failed=$((failed + 1))
    echo "notebook FAILED $nb" >&2
    "$JUPYTER" "${args[@]}" --allow-errors "$nb" >/dev/null 2>&1
    /usr/bin/python3 - "build/notebooks/$(basename "$nb")" <<'PY' >&2
import json, sys
nb = json.load(open(sys.argv[1]))
for i, cell in enumerate(nb["cells"]):
    for out in cell.get("outputs", []):
        text = "".join(out.get("text", [])) if out.get("output_type") == "stream" and out.get("name") == "stderr" else ""
        if out.get("output_type") == "error":
            text = out.get("ename", "") + ": " + out.get("evalue", "") + "\n" + "\n".join(out.get("traceback", []))
        if text:
            print(f"  cell {i}: " + "".join(cell["source"])[:200].replace("\n", "\n          "))
            print("  error: " + text.strip().replace("\n", "\n         "))
PY
    tail -5 build/notebooks/"$(basename "$nb" .ipynb)".log >&2
  fi
done
echo "notebooks: $(( ${#notebooks[@]} - failed )) passed, $failed failed"
figures_ok=1
node_modules/.bin/tsx scripts/check-notebook-figures.ts "${executed[@]}" || figures_ok=0
[ "$failed" -eq 0 ] && [ "$figures_ok" -eq 1 ]
