#!/usr/bin/env bash
# Installs the tools the output-writer tests use to read each format back (test-time only,
# not runtime dependencies of zhitu). Idempotent; never fails: a tool that cannot be
# installed makes its test skip with a printed reason.
set -u

note() { echo "install-output-checkers: $*" >&2; }

# Python readers: networkx and igraph (GraphML), rdflib (Turtle, JSON-LD), kuzu (Neo4j import CSVs),
# pandas and duckdb (the SQLite and CSV recipes of docs/OUTPUTS.md).
PY=${PYTHON:-python3}
if command -v "$PY" >/dev/null 2>&1; then
    for mod in networkx rdflib kuzu igraph pandas duckdb; do
        if ! "$PY" -c "import $mod" >/dev/null 2>&1; then
            "$PY" -m pip install --quiet "$mod" >/dev/null 2>&1 \
                || "$PY" -m pip install --quiet --user "$mod" >/dev/null 2>&1 \
                || note "could not install $mod"
        fi
    done
else
    note "python3 not found; skipping networkx, rdflib, kuzu"
fi

# Debian packages: xmllint (GraphML), chromium (report.html) with a small CJK font so
# screenshots show Chinese, sqlite3 (graph.sqlite), rapper (Turtle; optional).
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
if command -v fc-list >/dev/null 2>&1; then
    [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ] || missing+=(fonts-wqy-microhei)
else
    missing+=(fonts-wqy-microhei)
fi
if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""
        [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"
        { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1 \
            || note "could not install ${missing[*]}"
    else
        note "apt-get not available; missing ${missing[*]}"
    fi
fi
exit 0
