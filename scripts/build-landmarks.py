#!/usr/bin/env python3
"""Builds Sources/StageEntities/Resources/landmarks.txt: names of rivers, lakes, mountains and other
natural features, matched as places (LOC) by the entities stage.

Usage: python3 scripts/build-landmarks.py [JIEBA_DICT]
  JIEBA_DICT: jieba's dict.txt (word, frequency, part of speech). Without it the script fetches
  jieba 0.42.1 from PyPI (`pip download jieba==0.42.1 --no-deps`) into a temporary folder.

Source: the dictionary of jieba 0.42.1 (https://github.com/fxsjy/jieba, MIT licence,
"Copyright (c) 2013 Sun Junyi"): the entries it tags as place names (`ns`) that end in a
natural-feature head. Two-character entries are left out: jieba tags many common words of that
length `ns` (江山, 上山, 高山), and the stage's own list keeps the two-character features of
national renown. Entries the place tree already names (浙江, 黑龙江) are left to the gazetteer.
Deterministic: same input, same bytes.
"""
import os, subprocess, sys, tarfile, tempfile

HEADS = ("山脉", "山", "江", "河", "湖", "溪", "岭", "峰", "草原", "湿地", "高原", "盆地", "峡谷", "沙漠", "水库",
         "雪山", "冰川", "林区", "自然保护区", "国家公园", "森林公园", "地质公园")
MIN_FREQ = 3
# jieba parts of speech that do not start a proper name: verbs, numerals, adjectives, adverbs …
# (numerals are left alone: 五台山, 六盘山). Rare words of these tags (大别, 4) start names too.
NOT_NAME_START = {"v", "vn", "vd", "a", "ad", "an", "d", "q", "r", "p", "c", "u", "f"}
NOT_NAME_MIN_FREQ = 20
OUT = "Sources/StageEntities/Resources/landmarks.txt"
GAZETTEER = "Sources/StageEntities/Resources/gazetteer.tsv"


def jieba_dict():
    if len(sys.argv) > 1:
        return sys.argv[1]
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, "jieba==0.42.1"], check=True)
    with tarfile.open(os.path.join(tmp, "jieba-0.42.1.tar.gz")) as t:
        t.extract("jieba-0.42.1/jieba/dict.txt", tmp)
    return os.path.join(tmp, "jieba-0.42.1/jieba/dict.txt")


def main():
    places = set()
    with open(GAZETTEER, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            places.add(cols[0])
            if len(cols) > 4 and cols[4]:
                places.update(cols[4].split(","))
    entries = []
    pos_of = {}
    with open(jieba_dict(), encoding="utf-8") as f:
        for line in f:
            word, freq, pos = line.split()
            entries.append((word, int(freq), pos))
            pos_of.setdefault(word, (pos, int(freq)))
    names = set()
    for word, freq, pos in entries:
        if pos != "ns" or freq < MIN_FREQ or len(word) < 3 or word in places:
            continue
        # Idioms tagged as places (攀登高峰, 三座大山) start with a verb, numeral or adjective.
        start_pos, start_freq = pos_of.get(word[:2], ("", 0))
        if start_pos in NOT_NAME_START and start_freq >= NOT_NAME_MIN_FREQ:
            continue
        if any(word.endswith(h) and len(word) > len(h) for h in HEADS):
            names.add(word)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Natural features (rivers, lakes, mountains …) from jieba 0.42.1's dictionary (MIT licence,\n")
        f.write("# Copyright (c) 2013 Sun Junyi): place names (ns) ending in a feature head, 3+ characters.\n")
        f.write("# Rebuilt by scripts/build-landmarks.py; do not edit by hand.\n")
        for w in sorted(names):
            f.write(w + "\n")
    print(f"{OUT}: {len(names)} names", file=sys.stderr)


main()
