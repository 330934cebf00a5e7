#!/usr/bin/env bash
# Benchmark of the print edition (not a timed test): how long `visie build`
# takes on the bundled content (HTML, print.html included), how long
# WeasyPrint takes per version, and `visie build --pdf` end to end.
# Writes bench/results-print.md. Uses hyperfine when installed (Debian:
# apt-get install hyperfine), else a loop with `date`.
#
# usage: bash bench/print.sh [VISIE_BIN]   (default: build/src/visie)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/src/visie}")
content=$(realpath content)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=bench/results-print.md
runs=10

# mean_ms CMD...: mean wall time in milliseconds over $runs runs (after one
# warm-up), with hyperfine when there is one.
mean_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/h.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.0f ± %.0f" % (r["mean"]*1000, r["stddev"]*1000))' "$work/h.json"
  else
    "$@" >/dev/null 2>&1
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
    end=$(date +%s%N)
    echo "$(( (end - start) / runs / 1000000 ))"
  fi
}

"$bin" build -q --content "$content" --out "$work/site"
html_ms=$(mean_ms "$bin" build -q --content "$content" --out "$work/site")
check_ms=$(mean_ms "$bin" check -q --content "$content")

{
  echo "# Print edition benchmark"
  echo
  echo "Machine: $(nproc) cores, $(uname -srm); $(weasyprint --version 2>/dev/null || echo 'no WeasyPrint');"
  echo "$( (hyperfine --version 2>/dev/null || echo 'date loop') | head -1), $runs runs after one warm-up."
  echo "Content: the bundled \`content/\` (5 versions, $(find "$content" -name '*.md' | wc -l) chapter files)."
  echo "Command: \`bash bench/print.sh\`. Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "(other builds on the same 2 cores make the figures noisy; compare runs at low load)."
  echo
  echo "| what | mean (ms) |"
  echo "|---|---|"
  echo "| \`visie check\` (load, validate, render, publish; no writing) | $check_ms |"
  echo "| \`visie build\` (HTML site with every \`print.html\`, written and swapped in) | $html_ms |"
} > "$out"

if command -v weasyprint >/dev/null; then
  {
    echo
    echo "WeasyPrint, one \`print.html\` at a time (what \`visie build --pdf\` runs per version):"
    echo
    echo "| version | print.html (KiB) | pages | WeasyPrint (ms) |"
    echo "|---|---|---|---|"
  } >> "$out"
  for dir in "$work"/site/*/; do
    v=$(basename "$dir")
    [ -f "$dir/print.html" ] || continue
    SOURCE_DATE_EPOCH=0 weasyprint "$dir/print.html" "$work/$v.pdf"
    pages=$(pdfinfo "$work/$v.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    kib=$(( $(stat -c %s "$dir/print.html") / 1024 ))
    ms=$(runs=3 mean_ms weasyprint "$dir/print.html" "$work/$v.pdf")
    echo "| $v | $kib | ${pages:-?} | $ms |" >> "$out"
  done
  pdf_ms=$(runs=3 mean_ms "$bin" build -q --pdf --content "$content" --out "$work/site-pdf")
  {
    echo
    echo "| what | mean (ms) |"
    echo "|---|---|"
    echo "| \`visie build --pdf\` (all 5 PDFs, $(nproc) WeasyPrint processes at a time), 3 runs | $pdf_ms |"
  } >> "$out"
fi
cat "$out"
