#!/usr/bin/env python3
"""Builds background.tsv: the termhood table of the `terms` stage.

Reproducible: python3 Sources/StageTerms/Resources/build_background.py ../shared/corpus-extra \
    > Sources/StageTerms/Resources/background.tsv

For every run of Han characters in the policy documents, counts the n-grams of 4..10 characters,
and keeps those that occur at least MIN_COUNT times, in at least MIN_DOCS documents, with left and
right boundary entropy >= MIN_ENTROPY (they start and end where words start and end) and which are
plus every two-character string seen MIN_COUNT times (docs column 0), the component
vocabulary of candidate terms. Output: `ngram<TAB>count<TAB>docs`.
"""
import math, os, re, sys
from collections import Counter, defaultdict

MIN_COUNT, MIN_DOCS, MIN_ENTROPY = 3, 2, 1.0
LO, HI = 4, 10

def entropy(c):
    n = sum(c.values())
    return -sum(v / n * math.log(v / n) for v in c.values()) if n else 0.0

def main(folder):
    files = sorted(f for f in os.listdir(folder) if f.endswith('.txt'))
    count, docs = Counter(), defaultdict(set)
    left, right = defaultdict(Counter), defaultdict(Counter)
    for f in files:
        text = open(os.path.join(folder, f), encoding='utf-8').read()
        for run in re.findall(r'[\u4e00-\u9fff]+', text):
            padded = '^' + run + '$'
            for n in range(LO, HI + 1):
                for i in range(1, len(padded) - n):
                    g = padded[i:i + n]
                    count[g] += 1
                    docs[g].add(f)
                    # boundary context: a sentence edge counts as a distinct neighbour each time
                    left[g][padded[i - 1] if padded[i - 1] != '^' else '^%d' % count[g]] += 1
                    right[g][padded[i + n] if padded[i + n] != '$' else '$%d' % count[g]] += 1
    kept = {g: c for g, c in count.items()
            if c >= MIN_COUNT and len(docs[g]) >= MIN_DOCS
            and entropy(left[g]) >= MIN_ENTROPY and entropy(right[g]) >= MIN_ENTROPY}
    # Two-character words (the components of candidate terms), by frequency.
    pairs = Counter()
    for f in files:
        text = open(os.path.join(folder, f), encoding='utf-8').read()
        for run in re.findall(r'[\u4e00-\u9fff]+', text):
            for i in range(len(run) - 1):
                pairs[run[i:i + 2]] += 1
    for g in sorted(kept, key=lambda g: (-kept[g], g)):
        print(f'{g}\t{kept[g]}\t{len(docs[g])}')
    for g in sorted(pairs, key=lambda g: (-pairs[g], g)):
        if pairs[g] >= MIN_COUNT:
            print(f'{g}\t{pairs[g]}\t0')

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '../shared/corpus-extra')
