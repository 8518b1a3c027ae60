#!/usr/bin/env python3
"""Loads zhitu's Neo4j import CSVs (out/neo4j) into a kuzu database, for Cypher without a Neo4j server.

    python3 scripts/kuzu-load.py out/neo4j out/kuzu

kuzu needs a schema: one node table per nodes_<Type>.csv (primary key `id`) and one relationship
table per rels_<TYPE>.csv, typed from the neo4j-admin headers (`count:int` -> INT64, ...).
A relationship file whose edges join several pairs of node tables is split per pair, as kuzu
copies one (from, to) pair at a time. run.csv, the run's provenance (zhitu version, config
digest, stages, date), becomes the node table Run when it is there. The database folder must
not exist yet.
"""
import csv, os, sys, tempfile

import kuzu

TYPES = {"long": "INT64", "int": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN", "string": "STRING", "string[]": "STRING"}


def header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def column(h):
    """(kuzu column name, kuzu type) for a neo4j-admin header field."""
    name, _, t = h.partition(":")
    if t.startswith("ID("):
        return "id", "STRING"
    if t == "LABEL":
        return "labels", "STRING"
    if t == "TYPE":
        return "type", "STRING"
    return name, TYPES[t or "string"]


def load(src, target):
    if os.path.exists(target):
        sys.exit(f"{target}: exists already; remove it or name a new folder")
    con = kuzu.Connection(kuzu.Database(target))
    table_of = {}
    files = sorted(os.listdir(src))
    for f in files:
        if not (f.startswith("nodes_") and f.endswith(".csv")):
            continue
        table, path = f[len("nodes_"):-len(".csv")], os.path.join(src, f)
        cols = [column(h) for h in header(path)]
        con.execute("CREATE NODE TABLE %s(%s, PRIMARY KEY(id))" % (table, ", ".join("%s %s" % c for c in cols)))
        con.execute("COPY %s FROM '%s' (HEADER=true, PARALLEL=false)" % (table, path))
        with open(path, newline="", encoding="utf-8") as fh:
            for row in list(csv.reader(fh))[1:]:
                table_of[row[0]] = table
    run = os.path.join(src, "run.csv")
    if os.path.exists(run) and "nodes_Run.csv" in files:
        print("kuzu-load: a node type is named Run; the run's provenance (run.csv) is not loaded", file=sys.stderr)
    elif os.path.exists(run):
        con.execute("CREATE NODE TABLE Run(%s, PRIMARY KEY(id))" % ", ".join("%s %s" % column(h) for h in header(run)))
        con.execute("COPY Run FROM '%s' (HEADER=true, PARALLEL=false)" % run)
    for f in files:
        if not (f.startswith("rels_") and f.endswith(".csv")):
            continue
        rel, path = f[len("rels_"):-len(".csv")], os.path.join(src, f)
        cols = header(path)
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))[1:]
        pairs = sorted({(table_of[r[0]], table_of[r[1]]) for r in rows})
        if not pairs:
            continue
        props = ", ".join("%s %s" % column(h) for h in cols[2:])
        con.execute("CREATE REL TABLE %s(%s, %s)" % (rel, ", ".join("FROM %s TO %s" % p for p in pairs), props))
        for a, b in pairs:
            part = path
            if len(pairs) > 1:
                part = os.path.join(tempfile.mkdtemp(), f)
                with open(part, "w", newline="", encoding="utf-8") as out:
                    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
                    w.writerow(cols)
                    w.writerows(r for r in rows if table_of[r[0]] == a and table_of[r[1]] == b)
            con.execute("COPY %s FROM '%s' (from='%s', to='%s', HEADER=true, PARALLEL=false)" % (rel, part, a, b))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: kuzu-load.py NEO4J_CSV_FOLDER KUZU_DATABASE")
    load(sys.argv[1], sys.argv[2])
