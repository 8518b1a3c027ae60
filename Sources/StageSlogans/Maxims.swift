// `A就是B` maxims (绿水青山就是金山银山): two Han phrases of near-equal length equated by 就是,
// each a whole clause between punctuation, without pronouns or particles (那就是我们的目标 is
// a sentence, not a maxim).
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
}
