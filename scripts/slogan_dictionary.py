#!/usr/bin/env python3
"""Builds Sources/StageSlogans/Resources/common-words.txt: the ordinary Chinese words of jieba's
dictionary (jieba 0.42.1, MIT licence, `pip download jieba==0.42.1`, file jieba/dict.txt), for
the quote model's `dict` features. A quoted ordinary word (防火墙, 主心骨) is mostly a metaphor;
a coinage (a campaign's or mechanism's name) is mostly not in a general dictionary.

Kept: Han words of 2–6 characters with a frequency of 50 or more (rarer words add nothing in cross-validation and cost start-up time); tag `frequent` for 100 or more.

usage: python3 scripts/slogan_dictionary.py path/to/jieba-0.42.1.tar.gz > Sources/StageSlogans/Resources/common-words.txt
"""
import re
import sys
import tarfile

MIN_FREQ, FREQUENT = 50, 100


def entries(archive):
    """{word: frequency} of the Han words of 2–6 characters in jieba's dict.txt."""
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("jieba/dict.txt"))
        text = tar.extractfile(member).read().decode("utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and re.fullmatch("[\u4e00-\u9fff]{2,6}", parts[0]):
            out[parts[0]] = int(parts[1])
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    words = entries(sys.argv[1])
    print("# Ordinary words from jieba 0.42.1's dict.txt (MIT licence, see NOTICE.txt), built by")
    print(f"# scripts/slogan_dictionary.py: Han words of 2-6 characters, frequency >= {MIN_FREQ}; tag frequent >= {FREQUENT}.")
    for w in sorted(words):
        if words[w] >= MIN_FREQ:
            print(f"{w}\tfrequent" if words[w] >= FREQUENT else w)


if __name__ == "__main__":
    sys.exit(main())
