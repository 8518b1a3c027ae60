#!/usr/bin/env bash
# Scale benchmark: runs the release zhitu over a corpus of SIZE_MB built by repeating corpus/
# (and ../shared/corpus-extra when present), and prints throughput and peak memory (RSS).
# usage: scripts/bench-scale.sh SIZE_MB [JOBS] [FORMATS]
#   e.g. scripts/bench-scale.sh 100; scripts/bench-scale.sh 1000 2 annotations
# FORMATS is passed to --format (default: the config's outputs). The pipeline streams records to
# disk; the graph keeps only what merges across documents in memory and spills the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:?usage: scripts/bench-scale.sh SIZE_MB [JOBS]}
jobs=${2:-$(nproc)}
formats=${3:-}
work=${TMPDIR:-/tmp}/zhitu-scale-$size_mb
sources=(corpus/*.txt)
[ -d ../shared/corpus-extra ] && sources+=(../shared/corpus-extra/*.txt)

if [ ! -f "$work/.complete" ]; then
  rm -rf "$work"; mkdir -p "$work/in"
  total=0; n=0
  while [ "$total" -lt $((size_mb * 1000000)) ]; do
    for f in "${sources[@]}"; do
      dir="$work/in/$((n / 1000))"; mkdir -p "$dir"
      cp "$f" "$dir/$(basename "${f%.*}")-$n.txt"
      total=$((total + $(stat -c %s "$f"))); n=$((n + 1))
    done
  done
  touch "$work/.complete"
fi
[ -x .build/release/zhitu ] || swift build -c release >/dev/null
bytes=$(du -sb "$work/in" | cut -f1)
/usr/bin/time -f "%e %M" -o "$work/time" .build/release/zhitu run --input "$work/in" --output "$work/out" --jobs "$jobs" --quiet ${formats:+--format "$formats"} || true
read -r seconds rss_kb < "$work/time"
awk -v b="$bytes" -v s="$seconds" -v r="$rss_kb" -v j="$jobs" \
  -v f="${formats:-config outputs}" 'BEGIN { printf "input %.0f MB, %d thread(s), %s: %.1f s, %.2f MB/s, peak RSS %.0f MB\n", b/1e6, j, f, s, b/1e6/s, r/1024 }'
