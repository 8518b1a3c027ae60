#!/usr/bin/env python3
"""Fits the slogans stage's quote model: is a quoted span a slogan (a coinage, campaign,
mechanism or brand) or something else (direct speech, a nickname, a one-off metaphor, a
designation, a period label)? Logistic regression over features of the span and its context,
written to Sources/StageSlogans/Resources/quote-model.tsv, which QuoteModel.swift loads and
scores with the same features.

The `dict` features say the span is an ordinary word (common-words.txt: jieba's dictionary),
`head` / `intro` that a generic head (机制, 工程) follows or an introducing verb (开展, 推行)
precedes, with the lists of SloganRules.swift.

Training data: every quote of the training excerpts (../shared/gold/train, on
../shared/corpus-news) and of the seed articles (../shared/seeds with
../shared/gold/seeds.discourse.jsonl), labelled a slogan when the gold of its document lists
its content (or its content with the one to three characters after the closing mark: “五治”融合).
The lexicon feature is computed leave-one-document-out for the training excerpts, as the
lexicon holds their slogans. The threshold is the one that maximises F1 in 5-fold
cross-validation over documents; dev is never used.

usage: python3 scripts/slogan_quote_model.py > Sources/StageSlogans/Resources/quote-model.tsv
"""
import collections
import random
import sys

import os
import re

import numpy as np

import slogan_corpus as sc
import slogan_lexicon as sl

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "Sources", "StageSlogans", "Resources")


def swift_list(name):
    """A word list of SloganRules.swift (generic heads, introducers), read from the source so
    that script and stage share one copy."""
    src = open(os.path.join(HERE, "..", "Sources", "StageSlogans", "SloganRules.swift"), encoding="utf-8").read()
    m = re.search(r"static let " + name + r": WordList = \[(.*?)\]", src, re.S)
    return re.findall(r'"([^"]*)"', m.group(1))


def common_words():
    """{word: frequent?} of common-words.txt (scripts/slogan_dictionary.py)."""
    out = {}
    for line in open(os.path.join(RESOURCES, "common-words.txt"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        w, _, tag = line.rstrip("\n").partition("\t")
        out[w] = tag == "frequent"
    return out


HEADS = swift_list("heads")
INTRODUCERS = swift_list("introducers")
COMMON = common_words()

# Keep these lists and the features below in step with QuoteModel.swift.
SAY = ["说", "表示", "指出", "介绍", "坦言", "感慨", "笑称", "问", "告诉", "喊"]
CALL = ["称为", "称作", "叫做", "叫作", "简称", "号称", "誉为", "俗称", "称之为", "名为", "命名为", "被称"]
CN = set("一二三四五六七八九十两百千零〇")
PRONOUNS = set("我你咱您他她")
PARTICLES = set("了吗呢吧啊呀嘛哦啦")
FINAL = set("。？！?!…")
CHAIN = set("、和与及")
LEXICAL = ("first:", "last:", "prev:", "prev2:", "next:", "next2:")
MIN_COUNT = 3  # lexical features seen fewer times are dropped


def bucket(n):
    for top, name in ((6, None), (8, 7), (12, 9)):
        if n <= top:
            return name or n
    return 13


def clean(s):
    return "".join("_" if ch.isspace() else ch for ch in s)


def features(t, o, c, b0, b1, lex):
    """Feature names of the quote with marks at o and c in sentence t[b0:b1]; t is the document."""
    x = t[o + 1:c]
    n = len(x)
    f = ["bias", f"len:{bucket(n)}"]
    if "、" in x: f.append("sep")
    if "，" in x or "," in x: f.append("comma")
    if any(ch in FINAL for ch in x): f.append("final")
    if "+" in x: f.append("plus")
    if "·" in x: f.append("dot")
    if any((ch in CN or ch.isascii() and ch.isdigit()) and not (k > 0 and x[k - 1] == "第") for k, ch in enumerate(x)):
        f.append("num")
    if n and all(ch in CN or ch.isascii() and ch.isdigit() for ch in x): f.append("allnum")
    if n and all(ch.isascii() and ch.isdigit() for ch in x): f.append("digits")
    if any(ch.isascii() and ch.isalpha() for ch in x): f.append("latin")
    if any(ch in PRONOUNS for ch in x): f.append("pron")
    if n and x[-1] in PARTICLES: f.append("part")
    if n:
        f += [f"first:{clean(x[0])}", f"last:{clean(x[-1])}"]
    f.append(f"prev:{clean(t[o - 1])}" if o - 1 >= b0 else "prev:^")
    if o - 2 >= b0: f.append(f"prev2:{clean(t[o - 2:o])}")
    f.append(f"next:{clean(t[c + 1])}" if c + 1 < b1 else "next:$")
    if c + 2 < b1: f.append(f"next2:{clean(t[c + 1:c + 3])}")
    window = t[max(b0, o - 6):o]
    if any(w in window for w in SAY): f.append("say")
    if any(w in window for w in CALL): f.append("call")
    if "：" in t[max(b0, o - 2):o] or ":" in t[max(b0, o - 2):o]: f.append("colon")
    if x.replace("，", ",") in lex: f.append("lex")
    if o - 1 >= b0 and (t[o - 1] in "”’" or o - 2 >= b0 and t[o - 1] in CHAIN and t[o - 2] in "”’"): f.append("chainPrev")
    if c + 1 < b1 and (t[c + 1] in "“‘" or c + 2 < b1 and t[c + 1] in CHAIN and t[c + 2] in "“‘"): f.append("chainNext")
    if t[o] == "‘": f.append("nested")
    if x in COMMON:
        f.append("dict")
        if COMMON[x]: f.append("dict100")
    if any(t.startswith(h, c + 1) and c + 1 + len(h) <= b1 for h in HEADS): f.append("head")
    if any(t[b0:o].endswith(h) for h in INTRODUCERS): f.append("intro")
    return f


def label(t, o, c, gold):
    x = t[o + 1:c]
    if sc.norm(x) in gold or sc.norm(x.replace("“", "").replace("”", "").replace("‘", "").replace("’", "")) in gold:
        return 1
    return int(any(sc.norm(x + t[c + 1:c + 1 + k]) in gold for k in (1, 2, 3)))


def examples():
    """[(doc, features, label)] over the training excerpts and the seeds."""
    src = sl.Sources()
    full = set(src.entries())
    out = []
    train = sc.train_gold("slogan")
    for d in sorted(sc.train_doc_ids()):
        t, _ = src.news[d]
        lex = set(src.entries(without=d))
        for b0, b1 in sc.sentences(t):
            for o, c in sc.quotes(t, b0, b1):
                if c > o + 1:
                    out.append((d, features(t, o, c, b0, b1, lex), label(t, o, c, train.get(d, set()))))
    seeds = sc.seed_gold("slogan")
    for d, t in sc.seed_docs().items():
        for b0, b1 in sc.sentences(t):
            for o, c in sc.quotes(t, b0, b1):
                if c > o + 1:
                    out.append((d, features(t, o, c, b0, b1, full), label(t, o, c, seeds.get(d, set()))))
    return out


def fit(X, y, l2=1.0, iters=3000, lr=0.5):
    """L2-regularised logistic regression by full-batch gradient descent (bias not penalised)."""
    w = np.zeros(X.shape[1])
    m = len(y)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (p - y) / m
        reg = l2 / m * w
        reg[0] = 0
        w -= lr * (g + reg)
    return w


def matrix(rows, index):
    X = np.zeros((len(rows), len(index)))
    for i, fs in enumerate(rows):
        for f in fs:
            if f in index:
                X[i, index[f]] = 1
    return X


def vocabulary(rows):
    counts = collections.Counter(f for fs in rows for f in fs)
    names = ["bias"] + sorted(f for f, k in counts.items() if f != "bias" and (k >= MIN_COUNT or not f.startswith(LEXICAL)))
    return {f: i for i, f in enumerate(names)}


def best_threshold(scores, y):
    best = (0, 0.0)
    for th in np.arange(-2, 2.01, 0.05):
        pred = scores >= th
        tp = float((pred & (y == 1)).sum())
        p = tp / max(1, pred.sum()); r = tp / max(1, (y == 1).sum())
        f = 2 * p * r / (p + r) if p + r else 0
        if f > best[0] + 1e-9:
            best = (f, th)
    return best


def main():
    data = examples()
    docs = sorted({d for d, _, _ in data})
    random.Random(15).shuffle(docs)
    y = np.array([l for _, _, l in data], dtype=float)
    L2 = 4.0
    # 5-fold cross-validation over documents: the threshold with the best held-out F1
    scores = np.zeros(len(data))
    for k in range(5):
        held = set(docs[k::5])
        tr = [i for i, (d, _, _) in enumerate(data) if d not in held]
        te = [i for i, (d, _, _) in enumerate(data) if d in held]
        index = vocabulary([data[i][1] for i in tr])
        w = fit(matrix([data[i][1] for i in tr], index), y[tr], l2=L2)
        scores[te] = matrix([data[i][1] for i in te], index) @ w
    f1, threshold = best_threshold(scores, y)
    index = vocabulary([fs for _, fs, _ in data])
    w = fit(matrix([fs for _, fs, _ in data], index), y, l2=L2)
    print(f"# cv F1 {f1:.3f} at threshold {threshold:.2f}; {len(data)} quotes, {int(y.sum())} slogans", file=sys.stderr)
    print("# Quote model of the slogans stage: logistic-regression weights of QuoteModel.swift's features,")
    print("# fitted by scripts/slogan_quote_model.py on the quotes of ../shared/gold/train and the seeds")
    print(f"# ({len(data)} quotes, {int(y.sum())} slogans; 5-fold CV F1 {f1:.3f}). Do not edit by hand.")
    print(f"threshold\t{threshold:.4f}")
    for f, i in sorted(index.items(), key=lambda kv: kv[0]):
        if abs(w[i]) >= 1e-4:
            print(f"{f}\t{w[i]:.4f}")


if __name__ == "__main__":
    sys.exit(main())
