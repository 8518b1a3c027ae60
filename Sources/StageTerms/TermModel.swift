// Termhood: glossary matching and discovery of candidate terms over tokens.
import Foundation
import ZhituCore

/// Background frequencies from official documents (`background.tsv`: ngram, count, docs).
public struct Background: Sendable {
    /// Counts by text slice.
    let table: WordTable

    public init(_ counts: [String: Int]) {
        table = WordTable(counts.lazy.map { (word: $0.key, value: $0.value) })
    }

    init(table: WordTable) { self.table = table }

    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LexiconError(file: url.path, line: nil, message: "no such background table or not UTF-8")
        }
        try self.init(tsv: data, file: url.path)
    }

    /// The table of TSV bytes `data` (`file` names it in errors).
    init(tsv data: Data, file: String) throws {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw LexiconError(file: file, line: nil, message: "no such background table or not UTF-8")
        }
        // Straight into the table, without a Dictionary: hashing every n-gram was a third of the
        // stage's start-up. A repeated n-gram keeps its last count, as the Dictionary did.
        var entries: [(word: String, value: Int)] = []
        entries.reserveCapacity(data.count / 16)
        // split as bytes: the same cuts as a String split (tab and line feed never join a grapheme), far cheaper
        try data.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            var n = 0
            for line in all.split(separator: 0x0A) {
                n += 1
                let cols = line.split(separator: 0x09)
                guard cols.count == 3, let c = Int(String(decoding: cols[1], as: UTF8.self)) else {
                    throw LexiconError(file: file, line: n, message: "expected `ngram<TAB>count<TAB>docs`")
                }
                entries.append((String(decoding: cols[0], as: UTF8.self), c))
            }
        }
        if entries.isEmpty { throw LexiconError(file: file, line: nil, message: "has no entries") }
        table = WordTable(entries)
    }

    /// The count of `t[r]`, a slice of Han and ASCII (see `WordTable`).
    subscript(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Int { table.value(t, r) ?? 0 }
}

public struct TermModel: Sendable {
    let glossary: Trie
    /// The first two characters of the glossary's Han entries: a discovered term must begin the way
    /// known terms begin (社会…, 安全…), which rejects spans led by a verb the leader list lacks
    /// (释放治理, 导致治理).
    let starts: WordTable
    let stop: Set<String>
    /// `stop` by text slice.
    let stopTable: WordTable
    let background: Background
    let discovery: Bool
    let threshold: Double

    /// Head words that end a policy term.
    /// Broad heads (安全, 服务, 建设 …) are left to the glossary: as discovery heads they find clauses.
    static let heads = ["治理", "管理", "体系", "机制", "制度", "防控", "整治", "攻坚战", "保卫战", "攻坚", "行动", "工程",
                        "督察", "防治", "现代化", "试点", "责任制", "法治化", "战略"]
    /// Heads that need a long modifier (7+ characters in all) to make a term: 新一轮找矿突破战略行动, not 整治行动.
    static let weakHeads: Set<String> = ["行动", "工程", "管理", "战略", "体系", "制度", "机制"]
    static let headScalars: [[Unicode.Scalar]] = heads.map { Array($0.unicodeScalars) }
    /// `headScalars` by last scalar, in list order.
    static let headsByLast: [Unicode.Scalar: [[Unicode.Scalar]]] = Dictionary(grouping: headScalars.filter { !$0.isEmpty }) { $0[$0.count - 1] }
    static let weakHeadScalars: Set<[Unicode.Scalar]> = Set(weakHeads.map { Array($0.unicodeScalars) })
    /// Endings of named campaigns (…专项整治, …三年行动, …攻坚战): the ending itself says the phrase is a
    /// programme, so the candidate may be long (up to 18 characters) and needs no
    /// background support for its parts, only a phrase start and a glossary-like beginning.
    static let campaignEnds: [[Unicode.Scalar]] = ["专项整治", "专项行动", "专项斗争", "攻坚行动", "三年行动", "百日行动",
                                                   "攻坚战", "保卫战", "阻击战", "大会战", "整治行动"].map { Array($0.unicodeScalars) }
    static let campaignLasts = ScalarSet(campaignEnds.map { $0[$0.count - 1] })
    /// The last scalars of `heads`: most tokens are rejected here, before a dictionary look-up.
    static let headLasts = ScalarSet(headsByLast.keys)

    func endsWith(_ t: [Unicode.Scalar], _ r: Range<Int>, _ w: [Unicode.Scalar]) -> Bool {
        guard r.count >= w.count else { return false }
        var i = r.upperBound - w.count
        for u in w { if t[i] != u { return false }; i += 1 }
        return true
    }
    /// Leading verbs and adverbs stripped from a candidate.
    static let leaders: Set<String> = ["加强", "推进", "推动", "完善", "深化", "健全", "维护", "坚持", "开展", "创新", "加快",
                                       "提升", "强化", "落实", "构建", "打造", "实施", "深入", "全面", "持续", "扎实", "做好",
                                       "抓好", "统筹", "巩固", "促进", "保障", "建立", "优化", "夯实", "筑牢", "守牢", "防范",
                                       "打击", "打响", "打赢", "打好", "决胜", "铸牢", "贯彻", "提高", "推行", "参与", "助力", "聚焦", "围绕", "实现", "支持", "发挥", "开创",
                                       "形成", "探索", "启动", "开启", "确保", "成为", "坚决", "集中", "严格", "依托", "迅速", "谋划", "实行", "提供", "共同", "积极", "大力", "不断", "进一步", "切实", "有效", "着力", "依法",
                                       "严厉", "重点", "以及", "通过", "加大", "我省", "我市", "全省", "全市", "全州", "全县",
                                       "各级", "各类", "相关", "有关", "一批", "一系列", "新", "好", "和", "与", "及", "的", "在",
                                       "对", "为", "把", "将", "是", "等", "中", "上", "下", "到", "从", "以", "由", "让", "使",
                                       "各", "全", "大", "要", "并", "更", "最", "也", "又", "都", "还", "就", "已", "了", "着"]
    static let leaderTable = WordTable(words: leaders)
    static let functionChars = ScalarSet("的是把就这那种其我他你在对被了着过吗呢吧和及与或等为".unicodeScalars)
    /// Trailing wrappers stripped from a candidate (社会治理效能 → 社会治理).
    static let wrappers = ["效能", "能力", "水平", "成效", "质量", "工作", "任务", "领域", "方面", "格局", "实践", "成果"]

    public init(glossary: [String], stop: [String], background: Background, discovery: Bool = true, threshold: Double = 1.0) {
        self.glossary = Trie(glossary)
        starts = WordTable(words: Set(glossary.lazy.map { Array($0.unicodeScalars) }
            .filter { $0.count >= 2 && $0[0].properties.isIdeographic && $0[1].properties.isIdeographic }
            .map { String(String.UnicodeScalarView($0[0..<2])) }))
        self.stop = Set(stop)
        stopTable = WordTable(words: stop)
        self.background = background
        self.discovery = discovery
        self.threshold = threshold
    }

    /// Term spans of one sentence; `true` marks glossary matches.
    public func terms(_ t: [Unicode.Scalar], _ tokens: ArraySlice<Token>, _ b: Range<Int>) -> [(Range<Int>, Bool)] {
        var out: [(Range<Int>, Bool)] = []
        // The spans taken so far: a few per sentence, so a list (an IndexSet costs more to make).
        var covered: [Range<Int>] = []
        // Glossary: longest match at each position, left to right (nested terms are not repeated).
        var i = b.lowerBound
        while i < b.upperBound {
            if let m = glossary.longestMatch(in: t, from: i, limit: b.upperBound) {
                let r = i..<m.end
                if !isStop(t, r) { out.append((r, true)); covered.append(r) }
                i = m.end
            } else { i += 1 }
        }
        guard discovery else { return out }
        for (r, campaign) in discover(t, tokens, b, glossaryStarts: covered.map(\.lowerBound)) {
            let inside = { (g: Range<Int>) in r.lowerBound <= g.lowerBound && g.upperBound <= r.upperBound }
            if campaign && covered.allSatisfy({ !$0.overlaps(r) || inside($0) }) {
                // A campaign's name holds its field's terms (疫情防控 in …阻击战): the name is the term,
                // as a longer glossary entry would be.
                out.removeAll { inside($0.0) }
                covered.removeAll(where: inside)
            } else if covered.contains(where: { $0.overlaps(r) }) { continue }
            out.append((r, false))
            covered.append(r)
        }
        return out
    }


    /// Whether `t[r]` is on the stop list, as Strings compare.
    func isStop(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        t[r].allSatisfy(\.isPlain) ? stopTable.contains(t, r) : stop.contains(t.string(r))
    }

    /// Candidate noun phrases: 2–6 Han tokens ending in a head word, 6–12 characters (campaigns: up to 9 and 18), with the
    /// leading verbs stripped, scored by how well the background knows their parts.
    /// `true` marks campaign names.
    /// `glossaryStarts`: where glossary terms start in the sentence, word starts the segmenter may have
    /// missed (it splits words it does not know into characters: 疫|情|防|控).
    func discover(_ t: [Unicode.Scalar], _ tokens: ArraySlice<Token>, _ b: Range<Int>, glossaryStarts: [Int] = []) -> [(Range<Int>, Bool)] {
        var toks: [Token] = []
        toks.reserveCapacity(tokens.count)
        for token in tokens where token.isWord { toks.append(token) }
        var out: [(Range<Int>, Bool)] = []
        var h = 0
        while h < toks.count {
            let head = toks[h]
            // Scalar comparison: String suffix tests dominated the stage's time.
            guard !head.range.isEmpty, case let last = t[head.range.upperBound - 1],
                  Self.headLasts.contains(last) || Self.campaignLasts.contains(last) else { h += 1; continue }
            let matched = Self.headsByLast[last]?.first(where: { endsWith(t, head.range, $0) })
            // A campaign ending may span tokens (阻击|战), so it is matched on the text.
            let campaign = Self.campaignLasts.contains(last) ? Self.campaignEnds.first { endsWith(t, b.lowerBound..<Int(head.end), $0) } : nil
            guard matched != nil || campaign != nil, isHanRun(t, head.range) else { h += 1; continue }
            let isWeak = matched.map { head.range.count == $0.count && Self.weakHeadScalars.contains($0) } ?? false
            let (maxTokens, maxLength) = campaign == nil ? (5, 12) : (8, 18)
            var best: (range: Range<Int>, first: Int)?
            var k = h
            while k > 0 && h - k < maxTokens {
                k -= 1
                // tokens must be contiguous Han text (no punctuation between): plain text, looked
                // up by scalars from here on
                guard toks[k].end == toks[k + 1].start, isHanRun(t, toks[k].range) else { break }
                let first = toks[k].range
                let r = Int(toks[k].start)..<Int(head.end)
                guard r.count >= 4, r.count <= maxLength else { if r.count > maxLength { break } else { continue } }
                // Two-word terms are the glossary's (综合整治, 扩大治理 are mostly verb + noun); weak heads need more.
                if r.count < 6 || (isWeak && r.count < 7) { continue }
                // A leading verb or function word ends the phrase on the left, also when split (打|响).
                if Self.leaderTable.contains(t, first)
                    || (first.count == 1 && first.upperBound >= 2 && Self.leaderTable.contains(t, first.upperBound - 2..<first.upperBound)) { break }
                if (first.count == 1 && !glossaryStarts.contains(first.lowerBound)) || stopTable.contains(t, r) { continue }
                // Function words inside make a clause, not a term (不把自己的社会制度).
                if t[r].contains(where: { Self.functionChars.contains($0) }) { break }
                if let c = campaign {
                    if r.count >= c.count + 2 { best = (r, k) }
                } else if termhood(t, toks[k...h]) >= threshold { best = (r, k) }
            }
            if let (r, f) = best, startsAPhrase(t, toks, f), starts.contains(t, r.lowerBound..<r.lowerBound + 2),
               !Chars.startsWithNumeral(t, r) {
                out.append((r, campaign != nil))
            }
            h += 1
        }
        // A candidate inside a longer one (找矿突破战略 in 找矿突破战略行动) is dropped.
        return out.filter { r in !out.contains { $0.0 != r.0 && $0.0.lowerBound <= r.0.lowerBound && $0.0.upperBound >= r.0.upperBound } }
    }

    /// Whether token `f` starts a phrase: the sentence starts there, or punctuation, a leading verb or
    /// a function word comes before it. A candidate cut off by the length limit inside a run of words
    /// (整治2023行动 out of 专项排查整治2023行动) is a fragment.
    func startsAPhrase(_ t: [Unicode.Scalar], _ toks: [Token], _ f: Int) -> Bool {
        guard f > 0, toks[f - 1].end == toks[f].start, isHanRun(t, toks[f - 1].range) else { return true }
        let before = toks[f - 1].range, start = before.upperBound
        // The segmenter may split a leading verb it does not know (打|赢): the two characters before count too.
        return Self.leaderTable.contains(t, before) || Self.functionChars.contains(t[start - 1])
            || (start >= 2 && Self.leaderTable.contains(t, start - 2..<start))
    }

    enum Chars {
        static func startsWithNumeral(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
            "一二三四五六七八九十两0123456789".unicodeScalars.contains(t[r.lowerBound])
        }
    }

    func isHanRun(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        t[r].allSatisfy { (0x4E00...0x9FFF).contains($0.value) || ("0"..."9").contains($0) }
    }

    /// Termhood of a token sequence: the whole phrase attested in the background scores high;
    /// otherwise the share of adjacent token pairs whose junction (last char + first char) and
    /// parts the background knows, weighted by the parts' frequency.
    /// The tokens are contiguous Han text.
    func termhood(_ t: [Unicode.Scalar], _ toks: ArraySlice<Token>) -> Double {
        if background[t, Int(toks.first!.start)..<Int(toks.last!.end)] >= 3 { return 3 }
        var known = 0.0
        for tok in toks {
            let s = tok.range
            let prefix = s.lowerBound..<min(s.lowerBound + 2, s.upperBound), suffix = max(s.upperBound - 2, s.lowerBound)..<s.upperBound
            let c = s.count == 2 ? background[t, s] : (background[t, prefix] > 0 && background[t, suffix] > 0 ? 5 : 0)
            if c >= 5 { known += 1 } else if c >= 1 { known += 0.5 }
        }
        return known / Double(toks.count) * 1.5
    }
}
