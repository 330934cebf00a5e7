#!/usr/bin/env bash
# The search index against Pagefind on the same site: builds a corpus of N
# pages (default 1000), indexes it with visie and with Pagefind (npm), and
# prints index sizes and the bytes each query downloads in Chromium.
# Usage: bash bench/search.sh [N] [--no-pagefind]   (needs build/src/visie and
# `npm ci`; --no-pagefind measures visie's index alone)
# Pagefind is installed here, not in package.json: npm ci refuses a lock file
# for its per-platform optional packages, and the tests do not need it.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
pagefind=true
[ "${2:-}" = --no-pagefind ] && pagefind=false
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/make-corpus.py "$n" "$work/content"
start=$(date +%s.%N)
build/src/visie build -q --content "$work/content" --out "$work/site"
echo "visie build of $n pages: $(echo "$(date +%s.%N) - $start" | bc) s"
if $pagefind; then
  [ -x node_modules/.bin/pagefind ] || npm install --no-save --ignore-scripts --no-audit --no-fund pagefind@1.6.0 >/dev/null
  start=$(date +%s.%N)
  node_modules/.bin/pagefind --site "$work/site/bench" --root-selector main --output-subdir pagefind >/dev/null
  echo "pagefind indexing: $(echo "$(date +%s.%N) - $start" | bc) s"
fi
echo "pages: $(ls "$work/site/bench"/p*.html | wc -l), sections: $(ls "$work/site/bench/search"/f*.js | wc -l)"
for d in search pagefind; do
  [ -d "$work/site/bench/$d" ] || continue
  echo "$d: $(du -sb "$work/site/bench/$d" | cut -f1) bytes in $(find "$work/site/bench/$d" -type f | wc -l) files"
done
echo "visie word chunks: $(ls "$work/site/bench/search"/w*.js | wc -l), manifest $(stat -c %s "$work/site/bench/search/index.js") bytes, largest chunk $(ls -S "$work/site/bench/search"/w*.js | head -1 | xargs stat -c %s) bytes"
node bench/measure-search.mjs "$work/site/bench"
