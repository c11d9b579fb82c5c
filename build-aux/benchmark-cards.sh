#!/usr/bin/env bash
# benchmark-cards.sh — times printing cards to a PDF, side by side with gLabels
#
# Copyright 2026 The Kartoteka authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds kartoteka-cli, makes an empty register (`kartoteka-cli init`) and,
# in the same run, times:
#   - Kartoteka: `kartoteka-cli cards pdf OUT.pdf --layout a4-10
#     --new-batch N`: N new blank cards on A4 sheets of ten with crop
#     marks (making the batch in the register included);
#   - gLabels 3 (`glabels-3-batch`, Debian package glabels): the same N
#     card numbers merged from a CSV (number, name, date) into business
#     cards on A4 (Avery C32011-10: 85 × 54 mm, 2 × 5), each with a
#     background, the shop name, the merged name and date, and an EAN-13
#     barcode merged from the number. By default gLabels makes all N cards
#     in one job, as Kartoteka does (for 10,000 that takes it minutes and
#     gigabytes of memory); --glabels-job 1000 splits them into jobs of
#     1,000 cards, one CSV each, and adds the jobs' times up (gLabels'
#     fastest way).
# Wall-clock time (date +%s%N), cards per second, PDF size and peak memory of
# each, and how many times faster Kartoteka is. The first sheet of each PDF
# is rasterised at 300 dpi and its barcodes read with zbarimg, so that both
# tools are measured making cards that scan.
#
# Usage: build-aux/benchmark-cards.sh [--builddir DIR] [--cards N] [--keep DIR]
#
#   --builddir DIR  meson build directory (default: build); set up if missing
#   --cards N       how many cards (default 10000)
#   --glabels-job N gLabels makes the cards in jobs of N (default: all in one)
#   --keep DIR      put the register, CSV files, .glabels files and PDFs in
#                   DIR and keep them (default: a temporary folder, removed)

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir="$srcdir/build"
keepdir=""
cards=10000
glabels_job=""
shop_name="Kvitka"

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
    --cards) [ $# -ge 2 ] || usage 2; cards=$2; shift 2 ;;
    --glabels-job) [ $# -ge 2 ] || usage 2; glabels_job=$2; shift 2 ;;
    --keep) [ $# -ge 2 ] || usage 2; keepdir=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "benchmark-cards.sh: unknown argument: $1" >&2; usage 2 ;;
  esac
done

case "$cards" in
  ''|*[!0-9]*|0*) echo "benchmark-cards.sh: --cards must be a whole number above 0" >&2
                  exit 2 ;;
esac
glabels_job=${glabels_job:-$cards}
case "$glabels_job" in
  ''|*[!0-9]*|0*) echo "benchmark-cards.sh: --glabels-job must be a whole number above 0" >&2
                  exit 2 ;;
esac
if [ "$cards" -gt 100000 ]; then
  echo "benchmark-cards.sh: --cards: at most 100000 cards in one job" >&2
  exit 2
fi

say () {
  printf '\n== %s\n' "$*" >&2
}

now_ns () {
  date +%s%N
}

# timed LOG -- COMMAND…: runs COMMAND with its output in LOG; sets
# elapsed_ms and peak_kb (empty when /usr/bin/time is not installed). A
# failing command stops the benchmark with its output.
timed () {
  local log=$1 start end status=0
  shift 2
  peak_kb=""
  start=$(now_ns)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$log.rss" "$@" > "$log" 2>&1 || status=$?
    peak_kb=$(tail -n 1 "$log.rss")
  else
    "$@" > "$log" 2>&1 || status=$?
  fi
  end=$(now_ns)
  if [ "$status" -ne 0 ]; then
    echo "benchmark-cards.sh: $1 failed (status $status):" >&2
    cat "$log" >&2
    exit 1
  fi
  elapsed_ms=$(( (end - start) / 1000000 ))
}

# ---- build -------------------------------------------------------------------

say "Building in $builddir"
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir" >&2
fi
ninja -C "$builddir" app/cli/kartoteka-cli >&2
cli="$builddir/app/cli/kartoteka-cli"

if [ -n "$keepdir" ]; then
  mkdir -p "$keepdir"
  workdir=$(cd "$keepdir" && pwd)
  rm -f "$workdir"/shop.db* "$workdir"/*.pdf "$workdir"/*.csv "$workdir"/*.glabels
else
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/kartoteka-cards-bench-XXXXXX")
  trap 'rm -rf "$workdir"' EXIT
fi
db="$workdir/shop.db"

can_scan=yes
for tool in pdfinfo pdftoppm zbarimg; do
  if ! command -v "$tool" > /dev/null; then
    echo "benchmark-cards.sh: $tool is not installed; the PDFs are not scanned" \
         "(apt-get install poppler-utils zbar-tools)" >&2
    can_scan=no
  fi
done

# scan_first_page PDF EXPECTED_FILE: reads the barcodes of the PDF's first
# page at 300 dpi and compares them with the numbers in EXPECTED_FILE.
scan_first_page () {
  local pdf=$1 expected=$2 image="$workdir/scan"
  pdftoppm -r 300 -f 1 -l 1 -singlefile -png "$pdf" "$image"
  zbarimg -q "$image.png" 2> /dev/null | sed 's/^[^:]*://' | sort > "$image.found" || true
  sort "$expected" > "$image.expected"
  rm -f "$image.png"
  if cmp -s "$image.found" "$image.expected"; then
    echo "all $(wc -l < "$image.expected") codes of the first sheet read back"
  else
    echo "SCAN FAILED: read $(wc -l < "$image.found") of $(wc -l < "$image.expected") codes"
  fi
}

# pdf_pages PDF: its number of pages.
pdf_pages () {
  pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
}

# ---- Kartoteka -------------------------------------------------------------------

say "Kartoteka: $cards new cards on A4 sheets"
"$cli" --database "$db" init --shop-name "$shop_name" --currency uah --card-prefix 42 > /dev/null
kt_pdf="$workdir/kartoteka.pdf"
timed "$workdir/kartoteka.log" -- "$cli" --database "$db" --json cards pdf "$kt_pdf" \
  --layout a4-10 --new-batch "$cards"
kt_ms=$elapsed_ms
kt_peak_kb=$peak_kb
summary=$(cat "$workdir/kartoteka.log")
batch_id=$(printf '%s' "$summary" | grep -o '"batch_id": *[0-9]*' | grep -o '[0-9]*$')
kt_pages=$(printf '%s' "$summary" | grep -o '"pages": *[0-9]*' | grep -o '[0-9]*$')
kt_bytes=$(stat -c %s "$kt_pdf")

# The batch's numbers, in the order they are printed (number order).
numbers="$workdir/numbers.txt"
query="SELECT number FROM cards WHERE batch_id = $batch_id ORDER BY number;"
if command -v sqlite3 > /dev/null; then
  sqlite3 -readonly "$db" "$query" > "$numbers"
else
  python3 -c 'import sqlite3, sys
for (number,) in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print(number)' "$db" "$query" > "$numbers"
fi
if [ "$(wc -l < "$numbers")" -ne "$cards" ]; then
  echo "benchmark-cards.sh: batch $batch_id holds $(wc -l < "$numbers") cards, not $cards" >&2
  exit 1
fi

kt_scan="not scanned"
if [ "$can_scan" = yes ]; then
  head -n 10 "$numbers" > "$workdir/first-sheet.txt"
  kt_scan=$(scan_first_page "$kt_pdf" "$workdir/first-sheet.txt")
fi

# ---- gLabels -----------------------------------------------------------------------

# glabels_document CSV: a business card on Avery C32011-10 sheets, close to
# Kartoteka's standard front: a blue background, the shop name, the
# member's name and the date merged from the CSV, and on a white panel an
# EAN-13 barcode of the merged number with its digits.
glabels_document () {
  local affine='a0="1" a1="0" a2="0" a3="1" a4="0" a5="0" shadow="False"'
  cat <<EOF
<?xml version="1.0"?>
<Glabels-document xmlns="http://glabels.org/xmlns/3.0/">
  <Template brand="Avery" part="C32011-10" size="A4" description="Business Cards">
    <Meta category="card"/>
    <Meta category="business-card"/>
    <Label-rectangle id="0" width="85mm" height="54mm" round="0mm" x_waste="0mm" y_waste="0mm">
      <Markup-margin size="3.2mm"/>
      <Layout nx="2" ny="5" x0="15mm" y0="13.5mm" dx="95mm" dy="54mm"/>
    </Label-rectangle>
  </Template>
  <Objects id="0" rotate="False">
    <Object-box x="0mm" y="0mm" w="85mm" h="54mm" line_width="0pt" line_color="0x00000000" fill_color="0x1a5fb4ff" $affine/>
    <Object-text x="5mm" y="4.5mm" w="52mm" h="7mm" justify="Left" valign="Top" auto_shrink="False" $affine>
      <Span font_family="Sans" font_size="12" font_weight="Bold" font_italic="False" color="0xffffffff" line_spacing="1">$shop_name</Span>
    </Object-text>
    <Object-text x="5mm" y="13mm" w="75mm" h="6mm" justify="Left" valign="Top" auto_shrink="False" $affine>
      <Span font_family="Sans" font_size="10" font_weight="Regular" font_italic="False" color="0xffffffff" line_spacing="1"><Field name="name"/></Span>
    </Object-text>
    <Object-box x="5mm" y="22mm" w="42mm" h="27mm" line_width="0pt" line_color="0x00000000" fill_color="0xffffffff" $affine/>
    <Object-barcode x="7mm" y="23mm" w="38mm" h="25mm" backend="gnu-barcode" style="EAN-13" text="True" checksum="True" format="13" color="0x000000ff" field="number" $affine/>
    <Object-text x="50mm" y="44.5mm" w="30.6mm" h="5mm" justify="Right" valign="Top" auto_shrink="False" $affine>
      <Span font_family="Sans" font_size="7" font_weight="Regular" font_italic="False" color="0xffffffff" line_spacing="1"><Field name="date"/></Span>
    </Object-text>
  </Objects>
  <Merge type="Text/Comma/Line1Keys" src="$1"/>
</Glabels-document>
EOF
}

gl_ms=""
gl_peak_kb=""
gl_bytes=0
gl_pages=0
gl_scan="not scanned"
gl_note=""
if ! command -v glabels-3-batch > /dev/null; then
  gl_note="glabels-3-batch is not installed (apt-get install glabels): gLabels not measured"
else
  gl_jobs=$(( (cards + glabels_job - 1) / glabels_job ))
  say "gLabels: the same $cards cards in $gl_jobs jobs of at most $glabels_job"
  # Blank cards: the name is empty, as on Kartoteka's; the date is the batch's day.
  today=$(date +%F)
  split -l "$glabels_job" -d -a 3 "$numbers" "$workdir/chunk-"
  gl_ms=0
  gl_peak_kb=0
  for chunk in "$workdir"/chunk-[0-9][0-9][0-9]; do
    name=$(basename "$chunk")
    csv="$workdir/glabels-$name.csv"
    { echo "number,name,date"; sed "s/\$/,,$today/" "$chunk"; } > "$csv"
    glabels_document "$csv" | gzip -c > "$workdir/glabels-$name.glabels"
    rm -f "$chunk"
  done
  for document in "$workdir"/glabels-chunk-*.glabels; do
    pdf="${document%.glabels}.pdf"
    # Run from the work folder: gLabels reads the CSV named in the document.
    timed "$workdir/glabels.log" -- glabels-3-batch -o "$pdf" "$document"
    if [ ! -s "$pdf" ]; then
      echo "benchmark-cards.sh: glabels-3-batch wrote no PDF for $document:" >&2
      cat "$workdir/glabels.log" >&2
      exit 1
    fi
    gl_ms=$(( gl_ms + elapsed_ms ))
    if [ -n "$peak_kb" ] && [ "$peak_kb" -gt "$gl_peak_kb" ]; then
      gl_peak_kb=$peak_kb
    fi
    gl_bytes=$(( gl_bytes + $(stat -c %s "$pdf") ))
    if [ "$can_scan" = yes ]; then
      gl_pages=$(( gl_pages + $(pdf_pages "$pdf") ))
    fi
  done
  [ "$gl_peak_kb" -gt 0 ] || gl_peak_kb=""
  if [ "$can_scan" = yes ]; then
    gl_scan=$(scan_first_page "$workdir/glabels-chunk-000.pdf" "$workdir/first-sheet.txt")
  fi
  gl_note="gLabels ran in $gl_jobs jobs of at most $glabels_job cards (one CSV each); the time is their sum"
fi

# ---- summary ----------------------------------------------------------------------------

# per_second CARDS MS
per_second () {
  awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'
}

seconds () {
  awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'
}

megabytes () {
  awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'
}

memory () {
  if [ -n "$1" ]; then
    awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'
  else
    echo "-"
  fi
}

kt_rate=$(per_second "$cards" "$kt_ms")
if [ -n "$gl_ms" ]; then
  gl_rate=$(per_second "$cards" "$gl_ms")
  kt_ratio=$(awk -v k="$kt_ms" -v g="$gl_ms" 'BEGIN { printf "%.1fx", (k > 0 ? g / k : 0) }')
else
  kt_ratio="-"
fi

row () {
  printf '%-10s %7s %9s %8s %8s %8s %7s  %s\n' "$@"
}

echo
echo "Cards to PDF: $cards cards on A4 sheets of ten, $(nproc) CPUs, $(uname -sr)"
echo
row "tool" "cards" "seconds" "cards/s" "PDF MB" "peak MB" "ratio" "pages"
row "----" "-----" "-------" "-------" "------" "-------" "-----" "-----"
row "Kartoteka" "$cards" "$(seconds "$kt_ms")" "$kt_rate" "$(megabytes "$kt_bytes")" \
    "$(memory "$kt_peak_kb")" "$kt_ratio" "$kt_pages"
if [ -n "$gl_ms" ]; then
  gl_pages_text=$gl_pages
  [ "$can_scan" = yes ] || gl_pages_text="-"
  row "gLabels" "$cards" "$(seconds "$gl_ms")" "$gl_rate" "$(megabytes "$gl_bytes")" \
      "$(memory "$gl_peak_kb")" "1.0x" "$gl_pages_text"
fi
echo
echo "ratio: how many times as fast as gLabels; peak MB: the largest resident size of one job."
echo "Kartoteka: $kt_scan (batch $batch_id)."
if [ -n "$gl_ms" ]; then
  echo "gLabels: $gl_scan."
fi
echo "$gl_note."
if [ -n "$keepdir" ]; then
  echo "Files kept in $workdir."
fi
