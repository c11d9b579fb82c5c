#!/usr/bin/env bash
# install-deps.sh: install the Debian 12 packages Kartoteka needs to build,
# run and test. Does nothing when they are all installed already.
#
# Copyright 2026 The Kartoteka authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

packages=(
  # Compiler and build system
  gcc
  libc6-dev
  pkg-config
  meson
  ninja-build
  gettext
  libglib2.0-bin
  libglib2.0-dev-bin
  appstream
  desktop-file-utils
  gtk-update-icon-cache
  # Libraries
  libglib2.0-dev
  libgtk-4-dev
  libadwaita-1-dev
  libsqlite3-dev
  libxlsxwriter-dev
  libzint-dev
  # SVG logos and backgrounds on cards (optional at build time)
  librsvg2-dev
  # Running the app: GTK only recommends the SVG loader that draws icons
  librsvg2-common
  adwaita-icon-theme
  fonts-cantarell
  # Tests: a virtual display, input, screenshots, barcode and PDF readers
  xvfb
  xauth
  xdotool
  imagemagick
  zbar-tools
  poppler-utils
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  if [ "$status" != "installed" ]; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: these Debian packages are missing: ${missing[*]}" >&2
  echo "Installing them needs root. Run this script as root, or first run:" >&2
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
