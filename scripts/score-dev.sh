#!/usr/bin/env bash
# Scores the shipped pipeline on the development set (../shared/gold/dev) and the seed gold:
# runs the release binary on the texts and prints every kind's P/R/F1 with ../shared/tools/score.py.
#   scripts/score-dev.sh [dev|seeds|train] [CONFIG] [--docs a01,a02]   (default: dev, pipeline.json)
# `--half A` / `--half B` scores the first / second half of dev (a*,b01-b04 / the rest), so that a
# rule or threshold tuned on one half can be checked on the other.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${ZHITU_SHARED:-../shared}
set_name=${1:-dev}; shift || true
config=pipeline.json
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then config=$1; shift; fi
bin=.build/release/zhitu
[ -x "$bin" ] || { echo "score-dev: build first: swift build -c release" >&2; exit 2; }
[ -f "$shared/tools/score.py" ] || { echo "score-dev: $shared/tools/score.py not found (set ZHITU_SHARED)" >&2; exit 2; }
extra=()
case "$set_name" in
  dev)   texts=$shared/gold/dev/texts; gold=$shared/gold/dev/dev.entities.jsonl,$shared/gold/dev/dev.numbers.jsonl,$shared/gold/dev/dev.discourse.jsonl ;;
  seeds) texts=$shared/seeds; gold=$shared/gold/seeds.entities.jsonl,$shared/gold/seeds.numbers.jsonl,$shared/gold/seeds.discourse.jsonl ;;
  # train: the 80 annotated excerpts of corpus-news (entities, relations, slogans, terms; no numbers)
  train) texts=$(python3 -c 'import json,sys; print("\n".join(sorted({json.loads(l)["doc"] for l in open(sys.argv[1])})))' "$shared/gold/train/train.entities.jsonl" | sed "s|.*|$shared/corpus-news/&.txt|")
         gold=$shared/gold/train/train.entities.jsonl,$shared/gold/train/train.discourse.jsonl ;;
  *) echo "score-dev: unknown set $set_name (dev, seeds or train)" >&2; exit 2 ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --half) case "$2" in
              A) extra=(--docs=a01,a02,a03,a04,a05,a06,a07,a08,b01,b02,b03,b04) ;;
              B) extra=(--docs=b05,b06,b07,b08,c01,c02,c03,c04,c05,c06,c07,c08) ;;
              *) echo "score-dev: --half takes A or B" >&2; exit 2 ;;
            esac; shift 2 ;;
    --docs) extra=("--docs=$2"); shift 2 ;;
    *) echo "score-dev: unknown argument $1" >&2; exit 2 ;;
  esac
done
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2086
"$bin" run "$config" --input $texts --output "$out" --format annotations --quiet >/dev/null
python3 "$shared/tools/score.py" "$gold" "$out/annotations.jsonl" "${extra[@]}"
