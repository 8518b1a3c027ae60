#!/usr/bin/env python3
"""Run Zhitu over a corpus on a Spark cluster (or in local mode).

Each partition of articles is piped as JSON Lines through `zhitu run --stdin-jsonl` (one
process per partition, started by RDD.pipe), the annotation records are written as
partitioned JSON Lines, and `zhitu graph` merges them into one graph and every other output.

  spark-submit Examples/spark/zhitu_spark.py corpus/ --zhitu .build/release/zhitu \
      --config pipeline.json --output out-spark
  python3 Examples/spark/zhitu_spark.py corpus/ --master 'local[2]'      # without a cluster

Input: a folder of .txt/.md articles (read recursively; document id = file stem), or a
Parquet dataset with columns id, text and optionally date, title, source.
See README "Running on Spark" for shipping the binary to executors.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys


def articles(spark, path, partitions):
    """An RDD of JSON Lines documents: {"id", "text", ...}."""
    if path.rstrip("/").endswith(".parquet") or os.path.exists(os.path.join(path, "_SUCCESS")):
        df = spark.read.parquet(path)
        keep = [c for c in ("id", "text", "date", "title", "source") if c in df.columns]
        docs = df.select(*keep).toJSON()
        return docs.repartition(partitions) if partitions else docs
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    # split the files into partitions as they are read: no shuffle of the texts afterwards
    files = sc.wholeTextFiles(path, minPartitions=partitions or None).filter(lambda kv: kv[0].lower().endswith((".txt", ".md")))

    def to_json(kv):
        name = os.path.basename(kv[0])
        stem = name.rsplit(".", 1)[0]
        return json.dumps({"id": stem, "text": kv[1]}, ensure_ascii=False)

    return files.map(to_json)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="folder of articles, or a Parquet dataset")
    ap.add_argument("--zhitu", default="zhitu", help="path of the zhitu binary on the executors")
    ap.add_argument("--config", default="pipeline.json", help="pipeline config (a path the executors can read)")
    ap.add_argument("--output", default="out-spark", help="output folder: annotations/ (partitioned JSON Lines) and the graph files")
    ap.add_argument("--partitions", type=int, default=0, help="number of partitions (default: Spark's)")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: from spark-submit)")
    ap.add_argument("--no-graph", action="store_true", help="only write the annotations")
    args = ap.parse_args()

    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("zhitu")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    zhitu = os.path.abspath(args.zhitu) if os.path.exists(args.zhitu) else args.zhitu
    config = os.path.abspath(args.config)
    docs = articles(spark, args.input, args.partitions)
    # one zhitu per partition; each uses one thread, Spark runs the partitions in parallel
    command = f"{shlex.quote(zhitu)} run {shlex.quote(config)} --stdin-jsonl --quiet --jobs 1"
    records = docs.pipe(command, env={"LC_ALL": "C.UTF-8"})
    annotations = os.path.join(args.output, "annotations")
    records.saveAsTextFile(annotations)
    spark.stop()

    if not args.no_graph:
        parts = sorted(os.path.join(annotations, p) for p in os.listdir(annotations) if p.startswith("part-"))
        subprocess.run([zhitu, "graph", "--from", *parts, "--output", args.output], check=True)


if __name__ == "__main__":
    sys.exit(main())
