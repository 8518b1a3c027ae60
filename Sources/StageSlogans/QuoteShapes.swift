// The shapes of a quote that make it a name, a nickname, a counted thing or a designation rather
// than a formula (人称“…”, 这座“…”, “…杯”, 获评“…”): checks that run before the quote model.
import ZhituCore

extension SloganRules {
    static let counters: Set<Unicode.Scalar> = Set("这那一".unicodeScalars)
    static let classifiers: Set<Unicode.Scalar> = Set("个座场股道幢片条位种张块支份面把颗盏名间栋家".unicodeScalars)

    /// Whether 这/那/一 and a classifier (reduplicated or not: 一幢幢) stand right before the quote mark.
    func isCounted(_ t: [Unicode.Scalar], open: Int, bounds: Range<Int>) -> Bool {
        var j = open - 1
        guard j > bounds.lowerBound, Self.classifiers.contains(t[j]) else { return false }
        if t[j - 1] == t[j] { j -= 1 }
        return j > bounds.lowerBound && Self.counters.contains(t[j - 1])
    }

    /// Whether a naming verb (人称, 称呼她) stands in the four characters before the quote mark.
    func isNamed(_ t: [Unicode.Scalar], open: Int, bounds: Range<Int>) -> Bool {
        let w = max(bounds.lowerBound, open - 4)..<open
        return Self.namingVerbs.scalars.contains { t.contains($0, in: w) }
    }

    /// What marks the end state of a change after 从“…” (到, 向, 转向, 迈向).
    static let changeEnds: Set<Unicode.Scalar> = Set("到向".unicodeScalars)
    /// How far apart (in characters) the two quotes of a change may stand.
    static let changeReach = 24

    /// Whether the quote is one of the states of a change, 从“X”(…)到/向“Y”(再到“Z”): the text
    /// describes where something went from and to, it does not name a formula (train: none of the
    /// six quotes in such frames is a slogan; the one 从“…” quote without a second state is). A
    /// chain whose last state takes a generic head (…”建设活动) names campaigns and is left to the model.
    func isChangeState(_ t: [Unicode.Scalar], open: Int, close: Int, bounds: Range<Int>) -> Bool {
        func stops(_ c: Unicode.Scalar) -> Bool { Chars.final.contains(c) || c == "；" || c == ";" }
        // The frame's first 从“: this quote's, or one shortly before an end marker right before it.
        var first: Int?
        if open > bounds.lowerBound, t[open - 1] == "从" { first = open }
        else if open > bounds.lowerBound, Self.changeEnds.contains(t[open - 1]) {
            var k = open - 2
            while k > max(bounds.lowerBound, open - 1 - Self.changeReach), !stops(t[k]) {
                if t[k] == "“", t[k - 1] == "从" { first = k; break }
                k -= 1
            }
        }
        guard let first else { return false }
        // Follow the chain of states: each next quote opens right after an end marker, within reach.
        var states = 0, lastClose = -1
        var k = first
        while k < bounds.upperBound, !stops(t[k]) {
            if t[k] == "“", k == first || Self.changeEnds.contains(t[k - 1]) {
                guard let c = t[(k + 1)..<bounds.upperBound].firstIndex(of: "”") else { break }
                states += 1; lastClose = c; k = c
            } else if lastClose >= 0, k - lastClose > Self.changeReach { break }
            k += 1
        }
        guard states >= 2, close <= lastClose else { return false }
        return !isStrongCoinage(t, open: lastClose, close: lastClose, bounds: bounds)
    }

    /// The contents of the quotes of sentence `b` that name someone or something (nicknames).
    public func nicknames(_ t: [Unicode.Scalar], _ b: Range<Int>) -> [String] {
        var out: [String] = []
        var i = b.lowerBound
        while i < b.upperBound {
            if t[i] == "“" || t[i] == "‘", isNamed(t, open: i, bounds: b),
               let c = t[(i + 1)..<b.upperBound].firstIndex(where: { $0 == "”" || $0 == "’" }), c > i + 1 {
                out.append(t.string((i + 1)..<c))
                i = c
            }
            i += 1
        }
        return out
    }


    /// CJK punctuation found in quotes (“…，…”): no canonical decomposition and a character of
    /// its own, so, beside the words compared (Han and ASCII), it never equals or joins one.
    static let separatePunctuation = ScalarSet("、。，；：？！（）·—…《》“”‘’＋".unicodeScalars)

    func isDesignation(_ t: [Unicode.Scalar], _ lo: Int, _ hi: Int, _ bounds: Range<Int>) -> Bool {
        // Plain content (Han and ASCII, the usual case), also with CJK punctuation, is compared
        // scalar by scalar, which for it is what String comparison does (and it skips
        // Foundation's search, slow on Linux); other content is compared as a String.
        let plain = t[lo..<hi].allSatisfy { $0.isPlain || Self.separatePunctuation.contains($0) }
        let content = plain ? "" : t.string(lo..<hi)
        func equals(_ w: String) -> Bool { plain ? t[lo..<hi].elementsEqual(w.unicodeScalars) : content == w }
        func ends(with w: String) -> Bool { plain ? t.hasSuffix(w, endingAt: hi, from: lo) : content.hasSuffix(w) }
        func has(_ w: String) -> Bool { plain ? t.contains(w, in: lo..<hi) : content.contains(w) }
        if Self.events.contains(where: equals) { return true }
        // 双基办: a short name ending in 办 is an office.
        if ends(with: "办"), hi - lo <= 3 { return true }
        // 1·24, 1.19: an event's date; digits alone (3820) are left to the quote model.
        if t[lo..<hi].allSatisfy({ Chars.isDigit($0) || $0 == "·" || $0 == "." }), t[lo..<hi].contains(where: { $0 == "·" || $0 == "." }) { return true }
        if Self.designationSuffixes.contains(where: { ends(with: $0) }) { return true }
        if Self.designationMarkers.contains(where: { has($0) }) { return true }
        // A national or provincial honour (全国…示范企业, 国家…矿山).
        if Self.honourPrefixes.contains(where: { t.hasPrefix($0, at: lo) }), Self.honourHeads.contains(where: { ends(with: $0) }) { return true }
        if t[lo..<hi].contains(where: Chars.isDigit) && has("年") { return true }
        if startsWithDivision(t, lo, hi) { return true }
        let open = lo - 1, close = hi
        if t.suffixMatch(Self.designationBefore, endingAt: open) != nil { return true }
        if close + 1 < bounds.upperBound {
            var j = close + 1
            if j < bounds.upperBound, t[j] == "的" { j += 1 }
            if t.prefixMatch(Self.designationAfter, at: j) != nil { return true }
        }
        return false
    }


    /// Suffixes of an administrative division's full name (陕西省, 新余市, 梅县).
    static let divisionSuffixes: Set<Unicode.Scalar> = Set("省市县区州旗盟".unicodeScalars)

    /// Whether the quote starts with a division's full name and goes on for two or more characters
    /// (…省…先进集体, …市…大厅): the name of a unit, award or event of that place. No slogan of the
    /// train annotations or the seeds starts so, and none of the nine such quotes of corpus-news and
    /// corpus-extra is a formula (honours, an event, a ranking, speech); place-branded goals take the
    /// short name (平安+place).
    func startsWithDivision(_ t: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Bool {
        guard placeStarts.contains(t[lo]) else { return false }
        return (2...4).contains { n in
            lo + n + 2 < hi && Self.divisionSuffixes.contains(t[lo + n]) && places.contains(t.string(lo..<(lo + n)))
        }
    }
}
