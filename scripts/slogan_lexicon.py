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

usage: python3 scripts/slogan_lexicon.py > Sources/StageSlogans/Resources/formulations.txt
"""
import collections
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


def main():
    src = Sources()
    entries = src.entries()
    print("# Established formulations (提法), built by scripts/slogan_lexicon.py; do not edit by hand.")
    print("# Sources: train slogans (../shared/gold/train), spans quoted in ../shared/corpus-news and")
    print("# ../shared/corpus-extra that recur in 3+ provinces/reports. Tag: match = found anywhere,")
    print("# quoted = evidence for a quoted span only, not = quoted in train, never a slogan there.")
    # Recurring quoted spans that the training excerpts quote and never annotate as slogans
    # (两院, 摘帽): the stage reads them as not slogans.
    for x in src.rejected:
        if len(src.quoted[x]) >= 2 and x not in entries and not re.search(r"\s", x):
            entries[x] = "not"
    for x in sorted(entries, key=lambda x: (entries[x], x)):
        if re.search(r"\s", x):
            continue
        print(f"{x}\t{entries[x]}")


if __name__ == "__main__":
    sys.exit(main())
