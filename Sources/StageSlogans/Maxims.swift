// Maxims: `A就是B` (绿水青山就是金山银山), two Han phrases of near-equal length equated by 就是,
// each a whole clause between punctuation, without pronouns or particles (那就是我们的目标 is
// a sentence, not a maxim); `以A促B` (以创业带动就业), a whole clause that names a means and
// the end it serves; and `像VX一样VY` similes (像爱护眼睛一样爱护环境), whose verb repeats.
import ZhituCore

extension SloganRules {
    static let maximStops: Set<Unicode.Scalar> = Set("我你他她它这那的了也都吗呢".unicodeScalars)
    static let maximLeads: WordList = ["牢固树立", "坚持", "树立", "践行", "认识到", "深刻认识"]

    /// Maxims in `b`: the span from the first phrase to the end of the second, without a
    /// leading verb (树立…) or a trailing generic head (…理念).
    public func maxims(_ t: [Unicode.Scalar], _ b: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = b.lowerBound + 1
        while i + 2 < b.upperBound {
            guard t[i] == "就", t[i + 1] == "是" else { i += 1; continue }
            var s = i
            while s > b.lowerBound, Chars.isHan(t[s - 1]) { s -= 1 }
            var e = i + 2
            while e < b.upperBound, Chars.isHan(t[e]) { e += 1 }
            // a trailing head (理念, 的) is not part of the maxim
            if let h = t.suffixMatch(Self.heads, endingAt: e), e - h.unicodeScalars.count - (i + 2) >= 4 { e -= h.unicodeScalars.count }
            let y = e - (i + 2)
            if let l = t.prefixMatch(Self.maximLeads, at: s), i - s - l.unicodeScalars.count >= 4 { s += l.unicodeScalars.count }
            let x = i - s
            if x >= 4, y >= 4, x <= 8, y <= 8, abs(x - y) <= 2,
               !t[s..<e].contains(where: { Self.maximStops.contains($0) }) {
                out.append(s..<e)
            }
            i = e
        }
        return out
    }

    /// Verbs of a `以A促B` maxim: the means A serves, drives or safeguards the end B.
    static let meansVerbs: WordList = ["服务", "保障", "促进", "推动", "引领", "带动", "护航", "助推", "赋能", "促"]
    /// Characters after 以 that make a word of it (以来, 以及, 以为), not a means.
    static let yiWords: Set<Unicode.Scalar> = Set("来上下及便免为此后前内外致往至".unicodeScalars)

    /// `以A促B` maxims in `b`: a whole clause 以 + means (2–9 Han) + verb + end (2–9 Han). Such
    /// clauses joined by ， or 、 are one formula (以A服务B，以C保障D), as parallel members are.
    public func meansMaxims(_ t: [Unicode.Scalar], _ b: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = b.lowerBound
        var last: Range<Int>?  // the previous clause, if it was a maxim
        for i in b.lowerBound...b.upperBound where i == b.upperBound || !Chars.isHan(t[i]) {
            let clause = start..<i
            let joined = last.map { $0.upperBound + 1 == start && Chars.isSeparator(t[$0.upperBound]) && t[$0.upperBound] != "；" } ?? false
            if isMeansMaxim(t, clause) {
                if joined, let l = last { out.removeLast(); out.append(l.lowerBound..<i); last = l.lowerBound..<i } else { out.append(clause); last = clause }
            } else {
                last = nil
            }
            start = i + 1
        }
        return out
    }

    func isMeansMaxim(_ t: [Unicode.Scalar], _ c: Range<Int>) -> Bool {
        guard c.count >= 6, c.count <= 21, t[c.lowerBound] == "以", !Self.yiWords.contains(t[c.lowerBound + 1]) else { return false }
        for v in (c.lowerBound + 3)..<(c.upperBound - 2) {
            guard let verb = t.prefixMatch(Self.meansVerbs, at: v) else { continue }
            let means = v - c.lowerBound - 1, end = c.upperBound - v - verb.unicodeScalars.count
            return means <= 9 && end >= 2 && end <= 9 && !t[c].contains(where: { Self.maximStops.contains($0) && $0 != "的" })
        }
        return false
    }

    /// Characters that make a simile's end a description (像守护婴儿一样守护着那片绿色).
    static let simileStops: Set<Unicode.Scalar> = Set("着了过的那这我你他她它们".unicodeScalars)

    /// `像VX一样VY` similes in `b`, from 像 to the end of the clause: the verb (one or two
    /// characters) repeats after 一样, which makes the comparison a formula (像对待生命一样对待
    /// 生态环境) rather than an image (像格桑花一样扎根).
    public func similes(_ t: [Unicode.Scalar], _ b: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = b.lowerBound
        while i + 6 < b.upperBound {
            defer { i += 1 }
            guard t[i] == "像" else { continue }
            var j = i + 1  // the end of the clause
            while j < b.upperBound, Chars.isHan(t[j]) { j += 1 }
            // 像 + verb + 1 + 一样 + verb + 2 at the least
            guard j - i >= 7, let y = t[(i + 2)..<j].indices.first(where: { $0 + 1 < j && t[$0] == "一" && t[$0 + 1] == "样" }) else { continue }
            let after = y + 2
            let repeated = (1...2).first { n in
                i + 1 + n < y && after + n < j && t[(i + 1)..<(i + 1 + n)].elementsEqual(t[after..<(after + n)])
            }
            guard let n = repeated, j - (after + n) >= 2, j - (after + n) <= 8, y - (i + 1 + n) <= 6,
                  !t[(i + 1)..<j].contains(where: { Self.simileStops.contains($0) }) else { continue }
            out.append(i..<j)
            i = j
        }
        return out
    }
}
