#!/usr/bin/env bash
# benchmark.sh — measures Kartoteka on a big generated register
#
# Copyright 2026 The Kartoteka authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds what it needs, generates a demo register (1,000,000 members and
# 5,000,000 purchases unless told otherwise), then measures:
#   - how long `kartoteka-cli demo` takes to generate it;
#   - search-as-you-type, card lookup and list paging, the quote at the till
#     and recording a purchase (tests/benchmark/kt-bench);
#   - the window: time to show the member list, memory before and after
#     scrolling, and how long a search typed into the window (and clearing
#     it) takes to show its result on screen (`kartoteka --benchmark`,
#     under Xvfb);
# and prints every figure next to its target.
#
# Usage: build-aux/benchmark.sh [--builddir DIR] [--keep DIR]
#
#   --builddir DIR  meson build directory (default: build); set up if missing
#   --keep DIR      put the register in DIR and keep it; a register already
#                   there is measured again instead of being generated anew
#
# Environment: MEMBERS (default 1000000), PURCHASES (default 5000000) and
# SEED (default 1) size the register, e.g. MEMBERS=20000 PURCHASES=100000
# for a quick run.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir="$srcdir/build"
keepdir=""
members=${MEMBERS:-1000000}
purchases=${PURCHASES:-5000000}
seed=${SEED:-1}

# usage STATUS: the header above as help, on stderr when it is an error.
usage () {
  if [ "$1" -eq 0 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  else
    sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  fi
  exit "$1"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --builddir) [ $# -ge 2 ] || usage 2; builddir=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || usage 2; keepdir=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "benchmark.sh: unknown argument: $1" >&2; usage 2 ;;
  esac
done

for number in "$members" "$purchases" "$seed"; do
  case "$number" in
    ''|*[!0-9]*) echo "benchmark.sh: MEMBERS, PURCHASES and SEED must be whole numbers" >&2
                 exit 2 ;;
  esac
done

say () {
  printf '\n== %s\n' "$*" >&2
}

now_ms () {
  echo $(( $(date +%s%N) / 1000000 ))
}

# ---- build -------------------------------------------------------------------

say "Building in $builddir"
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir" >&2
fi
ninja -C "$builddir" app/cli/kartoteka-cli tests/benchmark/kt-bench >&2

cli="$builddir/app/cli/kartoteka-cli"
bench="$builddir/tests/benchmark/kt-bench"
gui="$builddir/app/gui/kartoteka"

# The window is measured when it builds; its absence does not stop the rest.
gui_built=no
if ninja -C "$builddir" app/gui/kartoteka data/gschemas.compiled >&2; then
  gui_built=yes
else
  echo "benchmark.sh: the GUI did not build; its figures are left out" >&2
fi

# ---- the register --------------------------------------------------------------

if [ -n "$keepdir" ]; then
  mkdir -p "$keepdir"
  workdir=$(cd "$keepdir" && pwd)
else
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/kartoteka-bench-XXXXXX")
  trap 'rm -rf "$workdir"' EXIT
fi
db="$workdir/benchmark.db"

demo_ms=""
if [ -f "$db" ]; then
  say "Reusing the register $db"
else
  say "Generating $members members and $purchases purchases"
  start=$(now_ms)
  "$cli" --database "$db" demo --members "$members" --purchases "$purchases" --seed "$seed"
  demo_ms=$(( $(now_ms) - start ))
fi
db_bytes=$(stat -c %s "$db")

# ---- queries -------------------------------------------------------------------------

say "Measuring search, card lookup and paging"
bench_keys=$("$bench" --keys "$db")

# The value of key=value line $2 in text $1, or "" when it is not there.
value_of () {
  printf '%s\n' "$1" | awk -v key="$2" 'index($0, key "=") == 1 { print substr($0, length(key) + 2); exit }'
}

# ---- the window -------------------------------------------------------------------------

gui_keys=""
gui_note=""
if [ "$gui_built" = no ]; then
  gui_note="the GUI did not build"
elif ! command -v xvfb-run > /dev/null; then
  gui_note="xvfb-run is not installed"
else
  say "Measuring the window under Xvfb"
  if gui_keys=$(GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory \
                GSETTINGS_SCHEMA_DIR="$builddir/data" \
                timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" \
                "$gui" --database "$db" --benchmark); then
    if [ -z "$(value_of "$gui_keys" startup_ms)" ]; then
      gui_note="kartoteka --benchmark printed no figures"
    fi
  else
    gui_note="kartoteka --benchmark failed (status $?)"
    gui_keys=""
  fi
fi

# ---- summary -------------------------------------------------------------------------------

# verdict VALUE OPERATOR LIMIT: "ok", "MISSED", or "-" when not measured.
verdict () {
  if [ -z "$1" ]; then
    echo "-"
  else
    awk -v v="$1" -v limit="$3" -v op="$2" \
      'BEGIN { ok = (op == "<") ? (v + 0 < limit + 0) : (v + 0 <= limit + 0);
               print ok ? "ok" : "MISSED" }'
  fi
}

# kb_to_mb KB: megabytes with one decimal, or "" when not measured.
kb_to_mb () {
  if [ -n "$1" ]; then
    awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'
  fi
}

row () {
  # measure, value, unit, target, verdict
  local value=${2:-"not measured"}
  local unit=$3
  [ "$value" = "not measured" ] && unit=""
  printf '%-38s %14s %-3s %-10s %s\n' "$1" "$value" "$unit" "$4" "$5" | sed 's/ *$//'
}

search_p95=$(value_of "$bench_keys" search_first_page_p95_ms)
card_p95=$(value_of "$bench_keys" card_lookup_p95_ms)
startup_ms=$(value_of "$gui_keys" startup_ms)
window_search_p95=$(value_of "$gui_keys" search_frame_p95_ms)
window_clear_median=$(value_of "$gui_keys" clear_frame_median_ms)
rss_open_mb=$(kb_to_mb "$(value_of "$gui_keys" rss_list_open_kb)")
rss_scroll_mb=$(kb_to_mb "$(value_of "$gui_keys" rss_after_scroll_kb)")
demo_s=""
if [ -n "$demo_ms" ]; then
  demo_s=$(awk -v ms="$demo_ms" 'BEGIN { printf "%.1f", ms / 1000 }')
fi

echo
echo "Kartoteka benchmark: $(value_of "$bench_keys" members) members in the list," \
     "$(awk -v b="$db_bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MB register," \
     "$(nproc) CPUs, $(uname -sr)"
echo
row "measure" "value" "" "target" "verdict"
row "-------" "-----" "" "------" "-------"
row "demo $members members / $purchases purch." "$demo_s" "s" "" ""
row "window shows the list (startup)" "$startup_ms" "ms" "< 500 ms" \
    "$(verdict "$startup_ms" "<" 500)"
row "search first page, p95" "$search_p95" "ms" "< 16 ms" "$(verdict "$search_p95" "<" 16)"
row "search first page, median" "$(value_of "$bench_keys" search_first_page_median_ms)" "ms" "" ""
row "search page only, p95" "$(value_of "$bench_keys" search_page_p95_ms)" "ms" "" ""
row "card lookup, p95" "$card_p95" "ms" "< 1 ms" "$(verdict "$card_p95" "<" 1)"
row "card lookup, median" "$(value_of "$bench_keys" card_lookup_median_ms)" "ms" "" ""
quote_p95=$(value_of "$bench_keys" quote_p95_ms)
record_p95=$(value_of "$bench_keys" record_p95_ms)
row "quote at the till, p95" "$quote_p95" "ms" "< 1 ms" "$(verdict "$quote_p95" "<" 1)"
row "quote at the till, median" "$(value_of "$bench_keys" quote_median_ms)" "ms" "" ""
row "reference: member's history read, p95" "$(value_of "$bench_keys" history_p95_ms)" "ms" "" ""
row "reference: member's history read, median" "$(value_of "$bench_keys" history_median_ms)" "ms" "" ""
row "quote, 200 most regular customers, p95" "$(value_of "$bench_keys" quote_regulars_p95_ms)" "ms" "< 1 ms" \
    "$(verdict "$(value_of "$bench_keys" quote_regulars_p95_ms)" "<" 1)"
row "reference: their history read, p95" "$(value_of "$bench_keys" history_regulars_p95_ms)" "ms" "" ""
row "record a purchase (durable), p95" "$record_p95" "ms" "< 10 ms" "$(verdict "$record_p95" "<" 10)"
row "record a purchase (durable), median" "$(value_of "$bench_keys" record_median_ms)" "ms" "" ""
row "list page at offset 0, median" "$(value_of "$bench_keys" page_offset_0_median_ms)" "ms" "" ""
row "list page at offset n/2, median" "$(value_of "$bench_keys" page_offset_half_median_ms)" \
    "ms" "" ""
row "list next page (keyset), p95" "$(value_of "$bench_keys" page_keyset_p95_ms)" "ms" "" ""
row "window scrolls through the list" "$(value_of "$gui_keys" scroll_ms)" "ms" "" ""
# Typing to the frame that shows the result, without the search field's
# 150 ms typing delay: the store's query plus the window's layout and paint.
row "window search to frame, p95" "$window_search_p95" "ms" "< 50 ms" \
    "$(verdict "$window_search_p95" "<" 50)"
row "window search to frame, median" "$(value_of "$gui_keys" search_frame_median_ms)" "ms" "" ""
row "window clears search to frame, median" "$window_clear_median" "ms" "< 50 ms" \
    "$(verdict "$window_clear_median" "<" 50)"
row "memory with the list open (RSS)" "$rss_open_mb" "MB" "< 150 MB" \
    "$(verdict "$rss_open_mb" "<" 150)"
row "memory after scrolling (RSS)" "$rss_scroll_mb" "MB" "< 150 MB" \
    "$(verdict "$rss_scroll_mb" "<" 150)"
if [ -n "$gui_note" ]; then
  echo
  echo "Window not measured: $gui_note."
fi
if [ -n "$keepdir" ]; then
  echo
  echo "The register is kept in $db."
fi
