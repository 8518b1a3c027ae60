#!/usr/bin/env python3
"""Builds Sources/StageSlogans/Resources/formulations.txt, the slogans stage's lexicon of
established formulations, from named sources only:

- the slogans of the training annotations (../shared/gold/train/train.discourse.jsonl, the
  project's own annotation of corpus-news excerpts);
- spans quoted in two or more provinces' or reports' texts of ../shared/corpus-news (news excerpts, every province; statistics only, no text
  is copied) and ../shared/corpus-extra (government work reports and CPC congress reports,
  public documents under Art. 5 of the PRC Copyright Law) that recur across provinces / reports:
  a span used in three or more provinces' or reports' texts is national vocabulary, one seen in a
  single place is a local coinage left to the stage's rules.

Left out whatever the training annotations call something else: their policy terms (a glossary
term is a term, and the terms stage skips spans the slogans stage takes) and quoted spans that
occur in the training excerpts and are never annotated as slogans there; period labels (all
numerals: the N-th five-year plan); single characters; clauses (sentence punctuation inside).

Spans quoted in two or more documents that the training excerpts quote and never annotate as
slogans are listed with the tag `not`: the stage takes them for names or colour.

Each entry has a tag: `match` entries are found wherever they occur, `quoted` entries only
count as evidence when the text quotes them (the quote model's `lex` feature). Train slogans
seen in two or more training documents, numbered and parallel (、-joined) formulas, and spans
recurring formulas are `match`; other train slogans (one document: often a local
coinage) are `quoted`, and so are recurring quoted words without a formula's shape (numerals,
、, +): their quotes, not the words, mark them.

Unquoted parallel formulas that recur verbatim across provinces and reports (人民至上、生命至上
type: 2–6 、-joined members of one width, sharing a character at the same place, or of four
characters each: 质量第一、效益优先) are `match`
entries too, unless a training excerpt uses them without annotating them.

Glossary terms (Sources/StageTerms/Resources/glossary.txt, built by scripts/build-glossary.py
from non-gold sources) are tagged `not`: a glossary entry is a term, never a slogan, so a quoted
term (“营商环境”) is left to the terms stage. Run build-glossary.py first.

usage: python3 scripts/slogan_lexicon.py > Sources/StageSlogans/Resources/formulations.txt
"""
import collections
import os
import re
import sys

import slogan_corpus as sc

NUMERALS = set("一二三四五六七八九十两百千0123456789")
MIN_PLACES = 3  # provinces (corpus-news) plus reports (corpus-extra) that use a span


def is_period_label(x):
    return all(c in NUMERALS for c in x)


def is_clause(x):
    return any(c in "。？！?!…：:；;" for c in x) or len(x) > 24


def is_numbered(x):
    """A numbered formula's shape (一国两制, 两不愁三保障, 1+X): four or more characters led by a
    numeral or holding two; a short one (十条, 四点) or a word with 一 inside (一体化) is read as
    a count or a word when unquoted."""
    k = sum(c in NUMERALS for c in x)
    return len(x) >= 4 and (x[0] in NUMERALS or k >= 2) and not is_period_label(x)


class Sources:
    """Counts, per candidate, where it comes from, so that a lexicon can be built without one
    document (leave-one-out features for the quote model)."""

    def __init__(self):
        self.news = sc.news_docs()
        self.extra = sc.extra_docs()
        self.train_slogans = sc.train_gold("slogan")
        self.train_terms = set().union(*sc.train_gold("term").values())
        # candidate -> documents where it is a train slogan
        self.slogan_docs = collections.defaultdict(set)
        for d, xs in self.train_slogans.items():
            for x in xs:
                self.slogan_docs[x].add(d)
        quoted = collections.defaultdict(set)  # span -> documents quoting it
        for k, (t, _) in self.news.items():
            for a, b in sc.sentences(t):
                for o, c in sc.quotes(t, a, b):
                    quoted[sc.norm(t[o + 1:c])].add(k)
        for k, t in self.extra.items():
            for a, b in sc.sentences(t):
                for o, c in sc.quotes(t, a, b):
                    quoted[sc.norm(t[o + 1:c])].add("x" + k)
        self.quoted = quoted
        # quoted spans of training excerpts never annotated as slogans there
        self.rejected = set()
        train_docs = sc.train_doc_ids()
        for x, ds in quoted.items():
            in_train = ds & train_docs
            if in_train and not (self.slogan_docs.get(x, set()) & in_train):
                self.rejected.add(x)
        # places (provinces, reports) whose text uses a quoted span anywhere, quoted or not
        self.places = collections.defaultdict(set)
        texts = [(k, t, p) for k, (t, p) in self.news.items()] + [("x" + k, t, "x" + k) for k, t in self.extra.items()]
        for x in quoted:
            if len(x) < 2 or is_clause(x):
                continue
            for k, t, p in texts:
                if x in t:
                    self.places[x].add((p, k))

    def entries(self, without=None):
        """{entry: tag} of the lexicon built without document `without`."""
        out = {}
        for x, ds in self.slogan_docs.items():
            n = len(ds - {without})
            if n == 0 or len(x) < 2 or is_period_label(x) or x in self.train_terms:
                continue
            out[x] = "match" if n >= 2 or is_numbered(x) or "、" in x else "quoted"
        for x, uses in self.places.items():
            if x in out or x in self.train_terms or x in self.rejected or is_period_label(x):
                continue
            quoted_in = {p for p, k in uses if k != without and k in self.quoted[x]}
            places = {p for p, k in uses if k != without}
            if len(quoted_in) >= 2 and len(places) >= MIN_PLACES:
                # a formula's shape makes an unquoted use safe; a plain word (热点) needs its quotes
                out[x] = "match" if is_numbered(x) or "、" in x or "+" in x else "quoted"
        return out


HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# Boundaries of a list: sentence and clause punctuation, quotes, brackets, dashes, space.
LIST_BREAKS = re.compile(r"[。；：！？，,;:!?“”‘’（）()《》\s—…·]")


def common_words():
    """The stage's ordinary words (Resources/common-words.txt, from jieba's dictionary)."""
    path = os.path.join(os.path.dirname(__file__), "..", "Sources", "StageSlogans", "Resources", "common-words.txt")
    return {line.split("\t")[0].strip() for line in open(path, encoding="utf-8") if line.strip() and not line.startswith("#")}


WORDS = None


def parallel_runs(text):
    """Unquoted 、-joined runs of 2–6 members of one width (2–6 Han characters; the first member
    is trimmed to the others' width, as the stage trims a leading verb) that share a character
    at the same place, without being copies of each other."""
    for seg in LIST_BREAKS.split(text):
        ms = seg.split("、")
        if not 2 <= len(ms) <= 6 or not all(HAN.match(m) for m in ms):
            continue
        n = len(ms[1])
        if not 2 <= n <= 6 or any(len(m) != n for m in ms[1:]) or len(ms[0]) < n:
            continue
        # the cut must fall after a word (坚持|人民至上), not inside one (筹办好北|京冬奥会)
        lead = ms[0][:-n]
        if lead and lead[-2:] not in WORDS:
            continue
        ms = [ms[0][-n:]] + ms[1:]
        shared = [i for i in range(n) if all(m[i] == ms[0][i] for m in ms)]
        # a shared 化/性/的 ending alone is a descriptive list (制度化、法律化), as in the stage
        if shared == [n - 1] and ms[0][-1] in "化性的":
            continue
        # four-character members (不忘初心、牢记使命) are the formulas' usual shape: no shared
        # character needed when the run recurs (lists of names recur less verbatim)
        if shared and len(shared) < n or n == 4:
            yield "、".join(ms)


def recurring_runs(src, glossary):
    """Parallel runs used in MIN_PLACES or more provinces / reports; not those a training excerpt
    uses without annotating them, nor lists of glossary terms (精准扶贫、精准脱贫)."""
    global WORDS
    WORDS = common_words()
    places = collections.defaultdict(set)
    for k, (t, p) in src.news.items():
        for x in parallel_runs(t):
            places[x].add(p)
    for k, t in src.extra.items():
        for x in parallel_runs(t):
            places[x].add("x" + k)
    train_docs = sc.train_doc_ids()
    train_text = " ".join(src.news[d][0] for d in train_docs if d in src.news)
    annotated = set(src.slogan_docs)
    out = []
    for x, ps in places.items():
        if len(ps) < MIN_PLACES or (x in train_text and x not in annotated):
            continue
        ms = x.split("、")
        if 2 * sum(m in glossary for m in ms) >= len(ms):
            continue
        out.append(x)
    return out


def glossary_terms():
    path = os.path.join(os.path.dirname(__file__), "..", "Sources", "StageTerms", "Resources", "glossary.txt")
    return {line.split("\t")[0].strip() for line in open(path, encoding="utf-8") if line.strip() and not line.startswith("#")}


def main():
    src = Sources()
    entries = src.entries()
    glossary = glossary_terms()
    for x in recurring_runs(src, glossary):
        entries.setdefault(x, "match")
    print("# Established formulations (提法), built by scripts/slogan_lexicon.py; do not edit by hand.")
    print("# Sources: train slogans (../shared/gold/train), spans quoted in ../shared/corpus-news and")
    print("# ../shared/corpus-extra that recur in 3+ provinces/reports. Tag: match = found anywhere,")
    print("# quoted = evidence for a quoted span only, not = quoted in train, never a slogan there.")
    # Recurring quoted spans that the training excerpts quote and never annotate as slogans
    # (两院, 摘帽): the stage reads them as not slogans.
    for x in src.rejected:
        if len(src.quoted[x]) >= 2 and x not in entries and not re.search(r"\s", x):
            entries[x] = "not"
    # A glossary term is a term: quoted, it is not a slogan (lexicon formulations keep their tag).
    for x in glossary:
        if x not in entries and not re.search(r"\s", x):
            entries[x] = "not"
    for x in sorted(entries, key=lambda x: (entries[x], x)):
        if re.search(r"\s", x):
            continue
        print(f"{x}\t{entries[x]}")


if __name__ == "__main__":
    sys.exit(main())
