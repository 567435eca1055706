#!/usr/bin/env bash
# Installs the system packages the workbench needs beyond npm (Debian/Ubuntu):
# Jupyter (to execute the tslab notebooks headless) and Chromium (PNG images of the benchmark report's charts).
# Safe to run twice.
set -euo pipefail
need=()
/usr/bin/python3 -c "import nbclient, nbconvert" 2>/dev/null || need+=(jupyter-core jupyter-client jupyter-nbconvert python3-nbclient)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then echo "system packages: all present"; exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
