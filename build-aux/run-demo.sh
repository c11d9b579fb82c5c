#!/usr/bin/env bash
# run-demo.sh: install what is needed, build, and open Kartoteka on a demo
# register.
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

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Kartoteka is built, but it is a desktop program and needs a graphical session:" >&2
  echo "neither DISPLAY nor WAYLAND_DISPLAY is set. Run this script from a terminal" >&2
  echo "inside your desktop, or on a virtual display:" >&2
  echo "  xvfb-run -a -s \"-screen 0 1400x900x24\" build-aux/run-demo.sh" >&2
  exit 1
fi

# Run from the build tree: use the settings schema compiled there.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec build/app/gui/kartoteka --demo "$@"
