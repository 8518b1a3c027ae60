"""Reading the shared corpora and gold for the slogans stage's build scripts.

Texts are read from ../shared (never copied into the repository) and normalised the way the
pipeline's `normalize` stage folds them (full-width digits and letters to ASCII), so that the
features computed here agree with the Swift stage's.
"""
import json
import os
import re
import unicodedata

SHARED = os.environ.get("ZHITU_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))


def fold(s):
    """Full-width ASCII digits and letters to ASCII (as StageNormalize's Normalizer.fold)."""
    out = []
    for ch in s:
        v = ord(ch)
        if 0xFF10 <= v <= 0xFF19 or 0xFF21 <= v <= 0xFF3A or 0xFF41 <= v <= 0xFF5A:
            ch = chr(v - 0xFEE0)
        out.append(ch)
    return "".join(out)


def norm(s):
    """The scorer's comparison form (shared/tools/score.py)."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", "", s).strip("“”‘’\"'「」『』《》〈〉")


def read_news(path):
    """(text without front matter, province) of a corpus-news file."""
    raw = open(path, encoding="utf-8").read()
    province = ""
    if raw.startswith("---\n"):
        end = raw.index("\n---\n", 4)
        for line in raw[4:end].split("\n"):
            if line.startswith("province:"):
                province = line.split(":", 1)[1].strip()
        raw = raw[end + 5:]
    return fold(raw), province


def news_docs():
    """{stem: (text, province)} of corpus-news."""
    d = os.path.join(SHARED, "corpus-news")
    return {f[:-4]: read_news(os.path.join(d, f)) for f in sorted(os.listdir(d)) if re.fullmatch(r"\d+\.txt", f)}


def extra_docs():
    """{stem: text} of corpus-extra (official reports; one 'province' each: the report)."""
    d = os.path.join(SHARED, "corpus-extra")
    return {f[:-4]: fold(open(os.path.join(d, f), encoding="utf-8").read()) for f in sorted(os.listdir(d)) if f.endswith(".txt")}


def gold(path, kind):
    """{doc: set of normalised texts} of one kind in a discourse gold file."""
    out = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if r.get("kind") == kind:
            out.setdefault(r["doc"], set()).add(norm(r["text"]))
    return out


def train_doc_ids():
    """The corpus-news stems the training annotations cover."""
    path = os.path.join(SHARED, "gold", "train", "train.discourse.jsonl")
    return {json.loads(line)["doc"] for line in open(path, encoding="utf-8")}


def train_gold(kind):
    return gold(os.path.join(SHARED, "gold", "train", "train.discourse.jsonl"), kind)


def seed_docs():
    """{doc id: text} of the seed articles."""
    d = os.path.join(SHARED, "seeds")
    return {f[:-4]: fold(open(os.path.join(d, f), encoding="utf-8").read()) for f in sorted(os.listdir(d)) if f.endswith(".txt")}


def seed_gold(kind):
    return gold(os.path.join(SHARED, "gold", "seeds.discourse.jsonl"), kind)


SENTENCE_ENDS = set("。！？!?；;…\n")


def sentences(text):
    """Sentence bounds as the `sentences` stage cuts them: after 。！？；… (and closing quotes
    that follow) and at line breaks (not part of either sentence)."""
    out, s, i, n = [], 0, 0, len(text)
    while i < n:
        if text[i] == "\n":
            if i > s:
                out.append((s, i))
            s = i = i + 1
            continue
        if text[i] in SENTENCE_ENDS:
            j = i + 1
            while j < n and text[j] in "”’」』）)》】":
                j += 1
            out.append((s, j))
            s = i = j
            continue
        i += 1
    if s < n:
        out.append((s, n))
    return out


def quotes(text, b0, b1):
    """(open, close) indexes of the quote marks of each quote in text[b0:b1], as the Swift stage
    pairs them: “ opens, ‘ opens a nested quote inside it, ” or ’ closes the open one."""
    out, open_, outer = [], None, None
    for i in range(b0, b1):
        c = text[i]
        if c == "“":
            open_ = outer = i
        elif c == "‘":
            open_ = i
        elif c in "”’":
            if open_ is None:
                continue
            out.append((open_, i))
            if c == "”":
                outer = None
                open_ = None
            else:
                open_ = outer
    return out
