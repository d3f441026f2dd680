#!/usr/bin/env bash
# Set up (or reuse) the project's virtual environment. Idempotent: a second run installs nothing.
#   VENV    where the environment lives (default: .venv)
#   PYTHON  interpreter to create it with (default: python3)
# torch is installed first, pinned to the CPU build these machines carry (torch==2.13.0), unless
# some torch is already importable (e.g. a CUDA build a user installed, or CI's own CPU wheel):
# installing face-alignment first would otherwise pull a multi-GB CUDA build of torch.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV with $($PYTHON --version 2>&1)"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
PIP="$VENV/bin/python -m pip"

if "$VENV/bin/python" -c "import torch" 2>/dev/null; then
  echo "setup: torch $("$VENV/bin/python" -c 'import torch; print(torch.__version__)') already installed"
else
  echo "setup: installing $TORCH_SPEC"
  $PIP install --quiet "$TORCH_SPEC"
fi

# Reinstall the package only when its metadata changed (editable install: code changes need nothing).
stamp="$VENV/.neural_face-install"
want=$(cat setup.py settings.ini | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && "$VENV/bin/python" -c "import neural_face, nbdev" 2>/dev/null; then
  echo "setup: neural_face and its dev tools already installed"
else
  echo "setup: installing neural_face[dev] (editable)"
  $PIP install --quiet -e ".[dev]"
  echo "$want" > "$stamp"
fi
