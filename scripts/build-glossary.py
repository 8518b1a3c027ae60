#!/usr/bin/env python3
"""Builds Sources/StageTerms/Resources/glossary.txt: national policy vocabulary for the `terms` stage.

Usage (from the repository root; every input is read from ../shared, nothing of it is copied here):
    python3 scripts/build-glossary.py [--jieba path/to/jieba/dict.txt] [--min-provinces N] [--threshold T]
        [--edge-dict path/to/jieba/dict.txt] [--out Sources/StageTerms/Resources/glossary.txt]
The shipped glossary: `python3 scripts/build-glossary.py --edge-dict jieba-0.42.1/jieba/dict.txt`.

Sources and licences:
  - ../shared/gold/train/train.discourse.jsonl (records of kind `term`): the project's own training
    annotations of corpus-news excerpts. They give the entries seen as terms and, over all phrases of
    those excerpts, how often a phrase with a given ending (…扶贫, …防控) or beginning (加强…) is a term.
  - ../shared/corpus-news (250 news excerpts, `province:` front matter) and ../shared/corpus-extra
    (government work reports 2015–2025, CPC congress reports 1969–2022): statistics only, no text is
    kept. A phrase is general vocabulary when official reports use it or articles of several provinces
    do, and it has free boundaries (varied neighbours on both sides).
  - ../shared/datasets/admin-divisions.tsv (Apache-2.0): phrases that name a province or prefecture are
    local, not national vocabulary, and are dropped.
  - jieba 0.42.1 dict.txt (MIT, `pip download jieba==0.42.1 --no-deps`, then unpack): with `--edge-dict`
    (shipped) it finds entries cut out of a word at an edge (城镇职工基); with `--jieba` (off: it lowered
    dev half A) a candidate must also split into dictionary words.
  - scripts/glossary-seed.txt: hand-kept general policy vocabulary (no names, no article phrases).
  - scripts/charge-names.txt: the Criminal Law's charge names (official names, not subject to copyright;
    its header names the source): single-phrase names of 4+ characters, with and without 罪.

Deterministic: same inputs, same bytes. The glossary header repeats the sources and the settings.
"""
import argparse, json, math, os, re, sys
from collections import Counter, defaultdict

HAN = re.compile(r'[\u4e00-\u9fff]+')
LO, HI = 4, 12
# Leading verbs and adverbs: a phrase that starts with one is a clause (加强社会治理), whose term is the
# rest. General Chinese function vocabulary, the same list as TermModel.leaders.
LEADERS = ("加强 推进 推动 完善 深化 健全 维护 坚持 开展 创新 加快 提升 强化 落实 构建 打造 实施 深入 全面 持续 扎实 做好 "
           "抓好 统筹 巩固 促进 保障 建立 优化 夯实 筑牢 守牢 防范 打击 提高 推行 参与 助力 聚焦 围绕 实现 支持 发挥 开创 "
           "形成 探索 启动 开启 确保 成为 坚决 集中 严格 依托 迅速 谋划 实行 提供 共同 积极 大力 不断 进一步 切实 有效 着力 "
           "依法 严厉 重点 以及 通过 加大 铸牢 决胜 打赢 打好 坚持 贯彻 学习 全力 努力 主动 认真 继续 我们 我国 我省 我市 "
           "各地 各级 各类 相关 有关 一批 一系列").split()
# Verbs that take a concept as object but, unlike the leaders above, are no policy lead-ins, so the
# termhood model never learns them from train: a phrase starting with one is a clause (保卫社会主义,
# 适应社会主义市场经济发展), never a term. Applied after the model, so its training pool is unchanged.
CLAUSE_VERBS = tuple("保卫 投身 破坏 进入 适应 体现 保持 保证 完成 开始 增强 降低 反映 重视 超越 覆盖 包括 享受 接受 "
                     "制定 抓紧 破解 吸纳 贴近".split())
# Verbs whose object is a policy concept, and nouns a policy concept modifies (general vocabulary).
POLICY_VERBS = set("推进 推动 实施 加强 深化 坚持 开展 落实 完善 健全 推行 打赢 打好 决胜 巩固 促进 建立 构建 强化 做好 抓好".split())
WRAPPERS = set("工作 政策 战略 体系 机制 制度 行动 工程 成果 任务 试点 改革 建设 理念 格局".split())
# Characters that make a noun of the phrase they join (see stray_character).
NOUN_ENDS = set("化制性业区权观论员者法率型式局所团队村镇县市省界域品战")
NOUN_STARTS = set("新大总全老小副正非反准超")
# Verbs that end a clause, not a term (企业实施, 改革加快); the leaders that are also nouns (保障, 创新,
# 统筹, 服务 …) are left out.
END_VERBS = tuple("加强 推进 推动 完善 深化 健全 坚持 开展 加快 提升 强化 落实 构建 打造 实施 促进 建立 优化 夯实 筑牢 "
                  "提高 推行 参与 助力 实现 发挥 形成 探索 启动 确保 提供 加大 要求 提出 减少 增加 下降 增长 改善".split())
# Characters that make a phrase a clause when inside it, or a fragment when at its edge.
FUNCTION = set("的了着过吗呢吧是在对被把就这那其我他你们和与及或等为之而并从向于以")
EDGE = FUNCTION | set("一二三四五六七八九十两几各每某该此本年月日个名项次")
# Characters that do not end a phrase: a modifier whose noun follows (社会主义新…, 高水平…).
END_EDGE = EDGE | set("新老大小高低多好各")
# Endings of statistical indicators, which the annotation guide excludes (…覆盖率, …总值, …增速).
INDICATOR = ('率', '总值', '增速', '增幅', '比重', '指数')


def read_news(folder):
    """(province, body) of every corpus-news file, in name order."""
    out = []
    for f in sorted(os.listdir(folder)):
        if not f.endswith('.txt'):
            continue
        text = open(os.path.join(folder, f), encoding='utf-8').read()
        prov = '?'
        if text.startswith('---'):
            head, _, text = text[3:].partition('\n---')
            m = re.search(r'^province:\s*(\S+)', head, re.M)
            prov = m.group(1) if m else '?'
        out.append((f[:-4], prov, text))
    return out


def read_extra(folder):
    return [(f[:-4], open(os.path.join(folder, f), encoding='utf-8').read())
            for f in sorted(os.listdir(folder)) if f.endswith('.txt')]


def ngrams(text):
    for run in HAN.findall(text):
        for n in range(LO, min(HI, len(run)) + 1):
            for i in range(len(run) - n + 1):
                yield run[i:i + n]


def entropy(c):
    n = sum(c.values())
    return -sum(v / n * math.log(v / n) for v in c.values()) if n else 0.0


def corpus_stats(news, extra, min_provinces):
    """Candidates: n-grams used twice in the reports or in `min_provinces` provinces' articles."""
    ext_count, ext_docs, prov = Counter(), defaultdict(set), defaultdict(set)
    for name, text in extra:
        for g in ngrams(text):
            ext_count[g] += 1
            ext_docs[g].add(name)
    for name, p, text in news:
        for g in set(ngrams(text)):
            prov[g].add(p)
    pool = {g for g, c in ext_count.items() if c >= 2}
    pool |= {g for g, ps in prov.items() if len(ps - {'全国'}) >= min_provinces}
    # Boundary freedom over both corpora: a sentence edge counts as a new neighbour each time.
    left, right = defaultdict(Counter), defaultdict(Counter)
    # Policy context: how often a phrase is the object of a policy verb (推进…, 实施…) or the modifier
    # of a policy wrapper (…工作, …政策); concepts are governed this way, clauses and names rarely.
    governed = Counter()
    edge = 0
    for text in [t for _, t in extra] + [t for _, _, t in news]:
        for run in HAN.findall(text):
            for n in range(LO, min(HI, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    g = run[i:i + n]
                    if g not in pool:
                        continue
                    edge += 1
                    left[g][run[i - 1] if i > 0 else edge] += 1
                    right[g][run[i + n] if i + n < len(run) else -edge] += 1
                    if run[max(0, i - 2):i] in POLICY_VERBS or run[i + n:i + n + 2] in WRAPPERS:
                        governed[g] += 1
    stats = {g: (ext_count[g], len(ext_docs[g]), len(prov[g] - {'全国'}), min(entropy(left[g]), entropy(right[g])),
                 governed[g] / sum(left[g].values()))
             for g in pool}
    return stats


def places(path):
    """Province and prefecture names and short forms (2+ characters), and the provinces' alone."""
    out, provinces = set(), set()
    with open(path, encoding='utf-8') as f:
        next(f)
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if cols[4] in ('province', 'prefecture'):
                out.update(x for x in (cols[1], cols[2]) if len(x) >= 2)
            if cols[4] == 'province':
                provinces.update(x for x in (cols[1], cols[2]) if len(x) >= 2)
    return out, provinces


def jieba_words(path):
    if not path:
        return None
    return {line.split(' ', 1)[0] for line in open(path, encoding='utf-8')}


def splits_into(g, words):
    """Whether `g` is a dictionary word or splits into dictionary words whose first and last have two
    or more characters (so the phrase neither starts nor ends with a stray character of a word)."""
    if g in words:
        return True
    n = len(g)
    ok = [False] * (n + 1)  # ok[j]: g[:j] splits, its first word 2+ characters
    for j in range(2, n + 1):
        ok[j] = g[:j] in words
    for i in range(2, n):
        if ok[i]:
            for j in range(i + 1, n + 1):
                if g[i:j] in words:
                    ok[j] = True
    return any(ok[j] and g[j:] in words for j in range(2, n - 1))


def shape_ok(g, place_names, words):
    if g[0] in EDGE or g[-1] in END_EDGE or any(c in FUNCTION for c in g):
        return False
    # A verb at either end makes a clause (加强…, 企业实施).
    if g.startswith(tuple(LEADERS)) or g.endswith(END_VERBS) or g.endswith(INDICATOR):
        return False
    if any(p in g for p in place_names):
        return False
    return words is None or splits_into(g, words)


def stray_character(g, candidates):
    """Whether `g` is another candidate plus one character that begins or ends a word outside it
    (高质量发展 + 提 of 提供, 推 + 进现代化): such a phrase has free boundaries only because the stray
    character starts or ends many words. Characters that make nouns (…化, …制, …区, 新…, 总…) are not stray."""
    return ((g[:-1] in candidates and g[-1] not in NOUN_ENDS) or
            (g[1:] in candidates and g[0] not in NOUN_STARTS))


def cut_words(chosen, texts, words, share):
    """Statistics entries cut out of a word at an edge (城镇职工基 of 基本, 率市场化 of 利率): in at
    least `share` of the corpus uses the same character stands next to the entry and joins its edge
    character into a dictionary word, while the entry's own 2-character edge is no word. The pool's
    stray-character test misses these when the rest (制造业 of 制造业重) is too short to be a candidate."""
    text = '\n'.join(texts)
    out = []
    for g, src in sorted(chosen.items()):
        if src != 'stats':
            continue
        left, right = Counter(), Counter()
        for m in re.finditer(re.escape(g), text):
            left[text[m.start() - 1:m.start()]] += 1
            right[text[m.end():m.end() + 1]] += 1
        n = sum(right.values())
        if not n:
            continue
        (rc, rn), = right.most_common(1)
        (lc, ln), = left.most_common(1)
        if ((rn / n >= share and g[-1] + rc in words and g[-2:] not in words) or
                (ln / n >= share and lc + g[0] in words and g[:2] not in words)):
            out.append(g)
    return out


def features(g, stats):
    """What the termhood of a phrase is judged by, besides the phrase itself: its ending and beginning
    (2 characters: …扶贫, …防控 make terms, 加强… makes clauses), its length, and how widely it is
    attested (reports using it, provinces whose articles use it)."""
    ec, ed, np_, _, gov = stats[g]
    return (('end', g[-2:]), ('begin', g[:2]), ('length', min(len(g), 8)),
            ('attested', (min(ed, 4), min(np_, 4))), ('governed', min(4, int(gov * 10))))


def train_rates(train_path, news, candidates, stats):
    """Over the train excerpts, for every candidate phrase in them: times a term / times seen, per
    phrase and per feature value. An occurrence inside a longer gold term of the same excerpt is not
    counted (the annotators record a nested term only where it stands alone)."""
    gold = defaultdict(set)
    for line in open(train_path, encoding='utf-8'):
        r = json.loads(line)
        if r.get('kind') == 'term':
            gold[r['doc']].add(r['text'])
    texts = {name: text for name, _, text in news}
    phrase, feature = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for doc, terms in gold.items():
        text = texts.get(doc)
        if text is None:
            continue
        seen = set()
        for run in HAN.findall(text):
            covered = [False] * len(run)
            for t in terms:
                for m in re.finditer(re.escape(t), run):
                    for k in range(m.start(), m.end()):
                        covered[k] = True
            for n in range(LO, min(HI, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    g = run[i:i + n]
                    if g in seen or g not in candidates:
                        continue
                    pos = g in terms
                    if not pos and all(covered[i:i + n]):
                        continue
                    seen.add(g)
                    for table, key in [(phrase, g)] + [(feature, f) for f in features(g, stats)]:
                        table[key][0] += pos
                        table[key][1] += 1
    return gold, dict(phrase), dict(feature)


def logit(p):
    return math.log(p / (1 - p))


def termhood(g, stats, phrase, feature, base):
    """Smoothed chance that `g` is a term: its features' rates combined (naive Bayes), then the
    phrase's own train record on top of that prior."""
    z = logit(base)
    for f in features(g, stats):
        pos, tot = feature.get(f, (0, 0))
        z += logit((pos + 4 * base) / (tot + 4)) - logit(base)
    prior = 1 / (1 + math.exp(-z))
    pos, tot = phrase.get(g, (0, 0))
    return (pos + 2 * prior) / (tot + 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shared', default='../shared')
    ap.add_argument('--jieba', help="jieba 0.42.1's dict.txt (word-boundary check)")
    ap.add_argument('--edge-dict', help="jieba 0.42.1's dict.txt: drop entries cut out of a word at an edge (see cut_words); "
                    "the shipped glossary is built with it")
    ap.add_argument('--cut-share', type=float, default=0.6)
    ap.add_argument('--min-provinces', type=int, default=3)
    ap.add_argument('--threshold', type=float, default=0.35)
    ap.add_argument('--min-entropy', type=float, default=0.5)
    ap.add_argument('--seed', default='scripts/glossary-seed.txt')
    ap.add_argument('--charges', default='scripts/charge-names.txt')
    ap.add_argument('--out', default='Sources/StageTerms/Resources/glossary.txt')
    a = ap.parse_args()
    sh = a.shared
    news = read_news(os.path.join(sh, 'corpus-news'))
    extra = read_extra(os.path.join(sh, 'corpus-extra'))
    stats = corpus_stats(news, extra, a.min_provinces)
    place_names, provinces = places(os.path.join(sh, 'datasets', 'admin-divisions.tsv'))
    words = jieba_words(a.jieba)
    candidates = {g for g, s in stats.items() if s[3] >= a.min_entropy and shape_ok(g, place_names, words)}
    gold, phrase, feature = train_rates(os.path.join(sh, 'gold', 'train', 'train.discourse.jsonl'), news, candidates, stats)
    pos = sum(v[0] for v in phrase.values())
    base = pos / max(1, sum(v[1] for v in phrase.values()))

    chosen = {}
    # Every train term but those naming a province or a prefecture (local: 海南自贸港); a prefecture's
    # two-character short form is often a common word (黄河流域… holds none, but 平安… would), so
    # only provinces' short forms and names of 3+ characters count here.
    for terms in gold.values():
        for t in terms:
            if HAN.fullmatch(t) and len(t) >= 4 and not any((len(p) >= 3 or p in provinces) and p in t for p in place_names):
                chosen[t] = 'train'
    for g in candidates:
        if g in chosen or stray_character(g, candidates) or g.startswith(CLAUSE_VERBS):
            continue
        if termhood(g, stats, phrase, feature, base) >= a.threshold:
            chosen[g] = 'stats'
    if a.edge_dict:
        for g in cut_words(chosen, [t for _, t in extra] + [t for _, _, t in news], jieba_words(a.edge_dict), a.cut_share):
            del chosen[g]
    seed = read_list(a.seed)
    for t in seed:
        chosen.setdefault(t, 'seed')
    # Charge names: 组织、领导… lists several acts in one name and is no single term; short ones (盗窃)
    # are ordinary words.
    for c in read_list(a.charges):
        if '、' not in c and len(c) >= 4:
            for t in (c, c + '罪'):
                chosen.setdefault(t, 'charge')

    with open(a.out, 'w', encoding='utf-8') as f:
        f.write('# National policy vocabulary (terms), one per line. Generated by scripts/build-glossary.py; do not edit.\n'
                '# Sources: ../shared/gold/train/train.discourse.jsonl (project train annotations, kind term);\n'
                '#   phrase statistics of ../shared/corpus-news (document frequency across provinces) and\n'
                '#   ../shared/corpus-extra (government work and CPC congress reports); place filter from\n'
                '#   ../shared/datasets/admin-divisions.tsv (Apache-2.0); word edges from jieba 0.42.1 dict.txt (MIT)%s;\n'
                '#   hand-kept general vocabulary from scripts/glossary-seed.txt; charge names of the Criminal Law\n'
                '#   from scripts/charge-names.txt (official names; source in its header).\n'
                '# Settings: min provinces %d, termhood threshold %.2f, min boundary entropy %.2f%s.\n'
                % ('' if words or a.edge_dict else ' (not used in this build)', a.min_provinces, a.threshold, a.min_entropy,
                   ', cut-word share %.2f' % a.cut_share if a.edge_dict else ''))
        for t in sorted(chosen):
            f.write(t + '\n')
    by = Counter(chosen.values())
    print(f'build-glossary: {len(chosen)} terms ({by["train"]} train, {by["stats"]} statistics, {by["seed"]} seed, '
          f'{by["charge"]} charge names) -> {a.out}',
          file=sys.stderr)


def read_list(path):
    """The entries of a one-per-line list (`#` comments), or none when the file is missing."""
    if not os.path.exists(path):
        return []
    return [l.strip() for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')]


if __name__ == '__main__':
    main()
