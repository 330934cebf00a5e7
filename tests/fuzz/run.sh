#!/usr/bin/env bash
# Runs every fuzz target of a VISIE_FUZZ build for a bounded time and fails
# on any crash, leak, timeout or out-of-memory. Seeds come from
# tests/fixtures/ and content/; what a run finds is kept in the build folder
# (BUILD/fuzz/<target>/corpus) for the next local run.
#
#   bash tests/fuzz/run.sh [BUILD_DIR] [TARGET...]
#
# BUILD_DIR defaults to build-fuzz. VISIE_FUZZ_SECONDS (default 60) is the
# time per target; VISIE_FUZZ_JOBS (default 1) how many targets run at once;
# VISIE_FUZZ_MAX_LEN (default 16384) the largest input tried, in bytes.
# A summary (executions per second, total executions) is printed at the end
# and written to BUILD_DIR/fuzz/summary.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build-fuzz}"
[ $# -gt 0 ] && shift
build="$(cd "$build" && pwd)"
seconds="${VISIE_FUZZ_SECONDS:-60}"
jobs="${VISIE_FUZZ_JOBS:-1}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for bin in "$build"/tests/fuzz/fuzz_*; do targets+=("$(basename "$bin" | sed 's/^fuzz_//')"); done
fi
work="$build/fuzz"
mkdir -p "$work"

# seeds TARGET DIR: fills DIR with the target's seed inputs.
seeds() {
  local target="$1" dir="$2" f n=0
  rm -rf "$dir"
  mkdir -p "$dir"
  case "$target" in
    json)
      while IFS= read -r -d '' f; do cp "$f" "$dir/$((n++))-$(basename "$f")"; done \
        < <(find "$root/tests/fixtures" "$root/content" -path '*/site' -prune -o -name '*.json' -print0)
      ;;
    front_matter | placeholders | markdown | inline)
      while IFS= read -r -d '' f; do cp "$f" "$dir/$((n++))-$(basename "$f")"; done \
        < <(find "$root/tests/fixtures" "$root/content" -path '*/site' -prune -o -name '*.md' -print0)
      ;;
    directive)
      # Every directive block of the chapters: its name, then its options.
      while IFS= read -r -d '' f; do
        awk -v out="$dir/$((n++))-" '
          /^```visie / { name = $2; body = ""; inside = 1; next }
          inside && /^```/ { k++; printf "%s\n%s", name, body > (out k); close(out k); inside = 0; next }
          inside { body = body $0 "\n" }' "$f"
      done < <(find "$root/tests/fixtures" "$root/content/chapters" -name '*.md' -print0)
      ;;
    csv)
      while IFS= read -r -d '' f; do cp "$f" "$dir/$((n++))-$(basename "$f")"; done \
        < <(find "$root/tests/fixtures" "$root/scaffold" -name '*.csv' -print0)
      ;;
    content)
      # Each fixture folder, and the bundled working draft, as an archive.
      local folder
      for folder in "$root"/tests/fixtures/good/* "$root"/tests/fixtures/bad/*; do
        [ -f "$folder/versions.json" ] || continue
        (cd "$folder" && find . -type f ! -name '*.bin' | sort | sed 's|^\./||' | while read -r f; do
          printf '=== %s\n' "$f"; cat "$f"; done) > "$dir/$(basename "$folder")"
      done
      (cd "$root/content" && {
        printf '=== versions.json\n'
        python3 -c 'import json,sys; d=json.load(open("versions.json")); d["versions"]=[v for v in d["versions"] if not v.get("frozen")]; print(json.dumps(d))'
        find visie.json chapters data -type f | sort | while read -r f; do printf '=== %s\n' "$f"; cat "$f"; done
      }) > "$dir/bundled-draft"
      ;;
  esac
  # A target without its own seeds starts from its regression inputs.
  return 0
}

# fuzz TARGET: one bounded run; prints one summary line.
fuzz() {
  local target="$1" dir="$work/$1"
  local bin="$build/tests/fuzz/fuzz_$target"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  seeds "$target" "$dir/seeds"
  local dict=()
  [ -f "$here/$target.dict" ] && dict=("-dict=$here/$target.dict")
  local status=0
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a runaway
  # allocation is a finding, not a dead machine. Leaks fail the run
  # (LeakSanitizer is on by default with ASan).
  # -max_len: the bundled chapters are seeds, but inputs that large make a
  # render target a hundred times slower; 16 KiB still holds every
  # construct of the format (and big files have their own e2e test).
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -max_len="${VISIE_FUZZ_MAX_LEN:-16384}" \
    -artifact_prefix="$dir/artifacts/" "${dict[@]}" \
    "$dir/corpus" "$dir/seeds" "$here/regressions/$target" > "$dir/log.txt" 2>&1 || status=$?
  local execs rate
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log.txt" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log.txt" | tail -1)"
  if [ "$status" -eq 0 ]; then
    printf '%-14s ok      %10s execs/s %12s execs in %ss\n' "$target" "${rate:-?}" "${execs:-?}" "$seconds"
  else
    printf '%-14s FAILED  (exit %s) see %s\n' "$target" "$status" "$dir/log.txt"
    grep -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|Test unit written to|ALARM|out-of-memory' \
      "$dir/log.txt" | head -8 | sed 's/^/    /'
    echo "    to keep it as a regression: cp $dir/artifacts/<file> $here/regressions/$target/<name>"
    return 1
  fi
}

echo "fuzzing ${#targets[@]} targets for ${seconds}s each, $jobs at a time" >&2
: > "$work/summary.txt"
failed=0
running=0
pids=()
for target in "${targets[@]}"; do
  [ -x "$build/tests/fuzz/fuzz_$target" ] || { echo "no fuzz target $target in $build" >&2; exit 2; }
  fuzz "$target" > "$work/$target.summary" &
  pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
for target in "${targets[@]}"; do cat "$work/$target.summary"; done | tee "$work/summary.txt"
exit "$failed"
