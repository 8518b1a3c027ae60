#!/usr/bin/env python3
"""Builds Sources/StageEntities/Resources/known-people.txt: people named often enough in news that
the entities stage recognises them even where ICU's word break cuts through the name
(落实|习近|平 …: 实习 is a word).

Usage: python3 scripts/build-known-people.py [SHARED]   (SHARED defaults to ../shared)

Sources:
- the MSRA news NER corpus (SHARED/datasets/msra.train.jsonl; released by Microsoft Research for
  research use, MIT-licensed packaging): person names of 3+ characters annotated at least
  MSRA_MIN times;
- national leaders in the unlabelled news and report corpora (SHARED/corpus-news, corpus-extra):
  a surname-led name written directly before a leader's title (总书记, 主席, 总理, 委员长, 同志) in
  articles from at least MIN_PROVINCES provinces (each report of corpus-extra counts as one).
The surnames are those of the entities stage (Sources/StageEntities/Lexicons.swift).
Deterministic: same input, same bytes.
"""
import collections, json, os, re, sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "../shared"
OUT = "Sources/StageEntities/Resources/known-people.txt"
MSRA_MIN = 5
MIN_PROVINCES = 3
TITLES = "总书记|主席|总理|委员长|同志"


def surnames():
    src = open("Sources/StageEntities/Lexicons.swift", encoding="utf-8").read()
    block = re.search(r'static let surnames = ScalarSet\(\(\s*"([^"]+)"', src).group(1)
    compound = re.search(r'static let compoundSurnames = \[([^\]]+)\]', src).group(1)
    return set(block), set(re.findall(r'"([^"]+)"', compound))


def main():
    single, compound = surnames()
    names = set()
    counts = collections.Counter()
    with open(os.path.join(SHARED, "datasets/msra.train.jsonl"), encoding="utf-8") as f:
        for line in f:
            for e in json.loads(line)["entities"]:
                if e["label"] == "PER":
                    counts[e["text"]] += 1
    names |= {n for n, c in counts.items() if c >= MSRA_MIN and len(n) >= 3 and re.fullmatch(r"[\u4e00-\u9fff·]+", n)}
    provinces = collections.defaultdict(set)
    for folder in ("corpus-news", "corpus-extra"):
        d = os.path.join(SHARED, folder)
        for name in sorted(os.listdir(d)):
            if not name.endswith(".txt"):
                continue
            text = open(os.path.join(d, name), encoding="utf-8").read()
            m = re.search(r"^province:\s*(\S+)", text, re.M)
            where = m.group(1) if m else folder + "/" + name
            for m in re.finditer(r"([\u4e00-\u9fff]{2,3})(?=(?:%s))" % TITLES, text):
                cand = m.group(1)
                # The three characters before the title: a name starts with a surname and the
                # character before it is not part of it (以习近平同志, 和毛泽东同志 …) — both spans tried.
                for n in (cand, cand[1:]):
                    if len(n) == 3 and (n[0] in single or n[:2] in compound):
                        provinces[n].add(where)
    names |= {n for n, p in provinces.items() if len(p) >= MIN_PROVINCES}
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# People named often in Chinese news, found even where word break cuts through the name.\n")
        f.write("# Built by scripts/build-known-people.py from MSRA NER person names (%d+ mentions) and names\n" % MSRA_MIN)
        f.write("# before a leader's title in %d+ provinces' articles of corpus-news / corpus-extra. Do not edit.\n" % MIN_PROVINCES)
        for n in sorted(names):
            f.write(n + "\n")
    print(f"{OUT}: {len(names)} names", file=sys.stderr)


main()
