#!/usr/bin/env bash
# Installs the system packages the workbench needs beyond npm (Debian/Ubuntu):
# - Jupyter: nbconvert/nbclient to execute the tslab notebooks headless, the classic notebook server for
#   `npm run lab` (jupyter-notebook), and MathJax (libjs-mathjax) so exported HTML shows formulas offline;
# - Chromium: PNG images of the benchmark report's and the notebooks' charts.
# Safe to run twice.
set -euo pipefail
need=()
/usr/bin/python3 -c "import nbclient, nbconvert" 2>/dev/null || need+=(jupyter-core jupyter-client jupyter-nbconvert python3-nbclient)
[ -x /usr/bin/jupyter-notebook ] || need+=(jupyter-notebook)
[ -f /usr/share/javascript/mathjax/MathJax.js ] || need+=(libjs-mathjax)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then echo "system packages: all present"; exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
