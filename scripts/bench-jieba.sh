#!/usr/bin/env bash
# jieba comparison: CPU seconds of jieba 0.42.1's `posseg.cut` and of `zhitu run --format
# annotations --jobs 1` over the same articles (corpus/ and ../shared/corpus-extra), and the
# ratio of their throughputs. jieba is timed after its dictionary has loaded (its steady state);
# zhitu's time is the whole process, start-up included. Each side is the best of RUNS runs.
# usage: scripts/bench-jieba.sh [RUNS]     (needs python3 with jieba: pip install jieba==0.42.1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
python3 -c 'import jieba' 2>/dev/null || { echo "bench-jieba: python3 cannot import jieba; install it with: pip install jieba==0.42.1" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/zhitu-jieba.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
cp corpus/*.txt "$work/in/"
[ -d ../shared/corpus-extra ] && cp ../shared/corpus-extra/*.txt "$work/in/"
[ -x .build/release/zhitu ] || swift build -c release >/dev/null
bytes=$(cat "$work"/in/*.txt | wc -c)

jieba_s=$(python3 - "$work/in" "$runs" <<'EOF'
import glob, sys, time
import jieba, jieba.posseg as pseg
jieba.setLogLevel(60)
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
list(pseg.cut("加载词典"))   # loads the dictionary and the HMM tables
best = None
for _ in range(int(sys.argv[2])):
    start = time.process_time()
    for t in texts:
        for _ in pseg.cut(t):
            pass
    spent = time.process_time() - start
    best = spent if best is None else min(best, spent)
print(f"{best:.3f}")
EOF
)

zhitu_s=
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%U %S" -o "$work/time" .build/release/zhitu run --input "$work/in" --output "$work/out" --format annotations --jobs 1 --quiet
  s=$(awk '{ printf "%.3f", $1 + $2 }' "$work/time")
  if [ -z "$zhitu_s" ] || awk -v a="$s" -v b="$zhitu_s" 'BEGIN { exit !(a < b) }'; then zhitu_s=$s; fi
done

awk -v b="$bytes" -v j="$jieba_s" -v z="$zhitu_s" 'BEGIN {
  printf "input %.2f MB\n", b / 1e6
  printf "jieba posseg.cut (dictionary loaded):     %6.2f s CPU, %.3f MB/s\n", j, b / 1e6 / j
  printf "zhitu run --format annotations --jobs 1:  %6.2f s CPU, %.3f MB/s (start-up included)\n", z, b / 1e6 / z
  printf "zhitu / jieba: %.1fx\n", j / z
}'
