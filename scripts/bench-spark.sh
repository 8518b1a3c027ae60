#!/usr/bin/env bash
# Spark benchmark: times `zhitu run` (all cores) and the Spark example in local mode (one zhitu
# per partition, as many partitions at once as cores) on the same corpus of SIZE_MB, records only
# (annotations; the graph is merged afterwards on one machine either way), and prints the ratio.
# usage: scripts/bench-spark.sh SIZE_MB      (needs python3 with pyspark and a Java runtime)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:?usage: scripts/bench-spark.sh SIZE_MB}
cores=$(nproc)
work=${TMPDIR:-/tmp}/zhitu-scale-$size_mb
scripts/bench-scale.sh "$size_mb" "$cores" annotations
read -r run_seconds _ < "$work/time"
rm -rf "$work/spark"
/usr/bin/time -f "%e" -o "$work/spark-time" python3 Examples/spark/zhitu_spark.py "$work/in" \
  --zhitu .build/release/zhitu --config pipeline.json --master "local[$cores]" --output "$work/spark" --no-graph 2>"$work/spark.log"
read -r spark_seconds < "$work/spark-time"
awk -v r="$run_seconds" -v s="$spark_seconds" -v c="$cores" \
  'BEGIN { printf "Spark local[%d]: %.1f s; zhitu run: %.1f s; ratio %.2f\n", c, s, r, s / r }'
