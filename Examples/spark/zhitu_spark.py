#!/usr/bin/env python3
"""Run Zhitu over a corpus on a Spark cluster (or in local mode).

Each partition of articles goes through one `zhitu run --stdin-jsonl` process (started by
mapPartitions), which writes the partition's annotation records as JSON Lines straight to
OUTPUT/annotations/part-NNNNN.jsonl; `zhitu graph` then merges them into one graph and every
other output.

  spark-submit Examples/spark/zhitu_spark.py corpus/ --zhitu .build/release/zhitu \
      --config pipeline.json --output out-spark
  python3 Examples/spark/zhitu_spark.py corpus/ --master 'local[2]'      # without a cluster

Input: a folder of .txt/.md articles (read recursively; document id = file stem), or a
Parquet dataset with columns id, text and optionally date, title, source.

Where the data lives decides what travels through Spark:
- a folder on a filesystem every executor mounts (local mode, NFS, a shared volume): Spark
  only hands out file paths ({"id", "path"} lines) and zhitu reads the files itself;
- a folder on hdfs:// or s3a:// (or Parquet): Spark reads the texts and feeds them to zhitu;
- an OUTPUT on such a store (hdfs://, s3a://): the records come back through Spark and are
  saved with saveAsTextFile; otherwise zhitu writes them to OUTPUT itself, never passing them
  through the JVM and Python (they are several times the size of the input).
See README "Running on Spark" for shipping the binary to executors.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys


def remote(path):
    """True for paths on a store that executors cannot open as files (hdfs://, s3a://)."""
    return "://" in path and not path.startswith("file://")


def local_articles(path):
    """(id, absolute path, size) of every .txt/.md file under path, sorted by path."""
    root = path[len("file://"):] if path.startswith("file://") else path
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if name.lower().endswith((".txt", ".md")):
                full = os.path.abspath(os.path.join(folder, name))
                found.append((name.rsplit(".", 1)[0], full, os.path.getsize(full)))
    return sorted(found, key=lambda a: a[1])


def balanced(articles, partitions):
    """The articles split into `partitions` groups of similar total size, each group in path order."""
    groups = [[] for _ in range(partitions)]
    sizes = [0] * partitions
    for a in sorted(articles, key=lambda a: (-a[2], a[1])):
        k = sizes.index(min(sizes))
        groups[k].append(a)
        sizes[k] += a[2]
    return [sorted(g, key=lambda a: a[1]) for g in groups if g]


def documents(spark, path, partitions):
    """An RDD of JSON Lines documents: {"id", "path"} for shared files, {"id", "text", ...} otherwise."""
    sc = spark.sparkContext
    if path.rstrip("/").endswith(".parquet") or os.path.exists(os.path.join(path, "_SUCCESS")):
        df = spark.read.parquet(path)
        keep = [c for c in ("id", "text", "date", "title", "source") if c in df.columns]
        docs = df.select(*keep).toJSON()
        return docs.repartition(partitions) if partitions else docs
    if not remote(path):
        articles = local_articles(path)
        if not articles:
            sys.exit(f"zhitu_spark: no .txt or .md articles under {path}")
        # two partitions per core, of similar size (each starts one zhitu, which takes half a second)
        groups = balanced(articles, partitions or min(len(articles), 2 * sc.defaultParallelism))
        lines = [[json.dumps({"id": a[0], "path": a[1]}, ensure_ascii=False) for a in g] for g in groups]
        return sc.parallelize(lines, len(lines)).flatMap(lambda g: g)
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    files = sc.wholeTextFiles(path, minPartitions=partitions or None).filter(lambda kv: kv[0].lower().endswith((".txt", ".md")))

    def to_json(kv):
        stem = os.path.basename(kv[0]).rsplit(".", 1)[0]
        return json.dumps({"id": stem, "text": kv[1]}, ensure_ascii=False)

    return files.map(to_json)


def write_partition(command, folder):
    """A mapPartitionsWithIndex function: runs zhitu on the partition's documents with its
    stdout in folder/part-NNNNN.jsonl (renamed into place once zhitu succeeds)."""
    def run(index, lines):
        target = os.path.join(folder, f"part-{index:05d}.jsonl")
        partial = target + ".partial"
        with open(partial, "wb") as out:
            child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, env={**os.environ, "LC_ALL": "C.UTF-8"})
            count = 0
            for line in lines:
                child.stdin.write(line.encode("utf-8") + b"\n")
                count += 1
            child.stdin.close()
            if child.wait() != 0:
                raise RuntimeError(f"zhitu exited with status {child.returncode} on partition {index}")
        os.replace(partial, target)
        yield count
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="folder of articles, or a Parquet dataset")
    ap.add_argument("--zhitu", default="zhitu", help="path of the zhitu binary on the executors")
    ap.add_argument("--config", default="pipeline.json", help="pipeline config (a path the executors can read)")
    ap.add_argument("--output", default="out-spark", help="output folder: annotations/ (partitioned JSON Lines) and the graph files")
    ap.add_argument("--partitions", type=int, default=0, help="number of partitions (default: 2 per core for folders, else Spark's)")
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
    docs = documents(spark, args.input, args.partitions)
    # one zhitu per partition; each uses one thread, Spark runs the partitions in parallel
    command = [zhitu, "run", config, "--stdin-jsonl", "--quiet", "--jobs", "1"]
    annotations = os.path.join(args.output, "annotations")
    if remote(args.output):
        docs.pipe(" ".join(map(shlex.quote, command)), env={"LC_ALL": "C.UTF-8"}).saveAsTextFile(annotations)
        spark.stop()
        if not args.no_graph:
            print(f"zhitu_spark: records in {annotations}; copy them locally and run `zhitu graph --from` on them", file=sys.stderr)
        return 0
    os.makedirs(annotations, exist_ok=True)
    for old in os.listdir(annotations):
        if old.startswith("part-"):
            os.remove(os.path.join(annotations, old))
    total = sum(docs.mapPartitionsWithIndex(write_partition(command, os.path.abspath(annotations))).collect())
    spark.stop()
    print(f"zhitu_spark: {total} documents, records in {annotations}", file=sys.stderr)

    if not args.no_graph:
        parts = sorted(os.path.join(annotations, p) for p in os.listdir(annotations) if p.startswith("part-") and p.endswith(".jsonl"))
        subprocess.run([zhitu, "graph", "--from", *parts, "--output", args.output], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
