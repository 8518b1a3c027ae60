#!/usr/bin/env python3
"""An external Zhitu stage in Python, standard library only: the most frequent words of each
document become `keyword` records (their first occurrence). It speaks the protocol of
README "External stages": one JSON request per line on stdin, one JSON answer per line on
stdout; logs go to stderr.

pipeline.json:
  {"name": "keywords", "use": "external", "command": ["python3", "Examples/external/keywords.py"],
   "options": {"top_k": 5}}
"""
import json
import sys
from collections import Counter

STOP = set("我们 他们 工作 进行 开展 推进 加强 坚持 全面 不断 持续 进一步 以及 通过 实现 提升".split())

DESCRIBE = {
    "type": "describe",
    "name": "keywords",
    "version": "1.0",
    "summary": "Most frequent words (2+ characters) of each document as keyword records.",
    "requires": ["tokens"],
    "produces": ["keywords"],
    "options": {
        "top_k": {"type": "integer", "default": 5, "help": "Keywords per document."},
        "min_count": {"type": "integer", "default": 2, "help": "Least occurrences of a keyword."},
    },
}


def keywords(doc, top_k, min_count):
    text = doc["text"]
    first = {}
    counts = Counter()
    for start, end in doc["tokens"]:
        word = text[start:end]
        if len(word) < 2 or word in STOP or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        counts[word] += 1
        first.setdefault(word, (start, end))
    out = []
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]:
        if n >= min_count:
            start, end = first[word]
            out.append({"kind": "keyword", "start": start, "end": end, "text": word, "value": n})
    return out


def main():
    for line in sys.stdin:
        request = json.loads(line)
        if request["type"] == "describe":
            answer = DESCRIBE
        else:
            opts = request.get("options", {})
            docs = request["documents"]
            print(f"keywords: {len(docs)} document(s)", file=sys.stderr)
            answer = {"type": "result", "documents": [
                {"id": d["id"], "annotations": keywords(d, opts.get("top_k", 5), opts.get("min_count", 2))} for d in docs]}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
