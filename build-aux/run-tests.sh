#!/usr/bin/env bash
# run-tests.sh: install what is needed, build, and run every test; the GUI
# tests run on a virtual display (Xvfb). Ends with meson's test summary and
# exits with its status.
#
# Copyright 2026 The Kartoteka authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cd "$(dirname "$0")/.."

build-aux/install-deps.sh

if [ -f build/meson-private/coredata.dat ]; then
  meson setup --reconfigure build
else
  meson setup build
fi
ninja -C build

# A fixed screen size and the cairo renderer keep widget tests the same on
# every machine; no accessibility bus is needed under Xvfb.
exec xvfb-run -a -s "-screen 0 1400x900x24" \
  env GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
  meson test -C build --print-errorlogs "$@"
