// Unquoted numbered formulas: 四抓四防, 三层四级, 六位一体, 1+10+X, N大…行动.
import ZhituCore

extension SloganRules {
    /// Unquoted numbered formulas in `bounds`: 四抓四防, 三层四级, 六位一体, 1+10+X, N大…行动.
    public func numberedFormulas(_ t: [Unicode.Scalar], _ bounds: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = bounds.lowerBound
        while i < bounds.upperBound {
            // Only a digit or a Chinese numeral starts one: tested here, before the call, as this
            // runs on every character.
            if Chars.isDigit(t[i]) || Chars.isCN(t[i]), let r = numberedFormula(t, at: i, bounds) { out.append(r); i = r.upperBound } else { i += 1 }
        }
        return out
    }

    func numberedFormula(_ t: [Unicode.Scalar], at i: Int, _ b: Range<Int>) -> Range<Int>? {
        let u = t[i]
        // Only a digit or a Chinese numeral starts one (tested first: this runs on every character).
        guard Chars.isDigit(u) || Chars.isCN(u) else { return nil }
        // Must start a number: the previous character is not a numeral.
        if i > b.lowerBound, Chars.isNumeral(t[i - 1]) || t[i - 1] == "+" || t[i - 1] == "第" { return nil }
        // 1+10+X, 5+X, 1+2+N
        if Chars.isDigit(u) {
            var j = i
            while j < b.upperBound, Chars.isDigit(t[j]) { j += 1 }
            var parts = 0
            while j + 1 < b.upperBound, t[j] == "+", Chars.isDigit(t[j + 1]) || Chars.isLatin(t[j + 1]) {
                j += 1
                while j < b.upperBound, Chars.isDigit(t[j]) || Chars.isLatin(t[j]) { j += 1 }
                parts += 1
            }
            if parts >= 1 { return i..<j }
            return nil
        }
        guard Chars.isCN(u), u != "几", u != "多", u != "百", u != "千", u != "零", i + 3 < b.upperBound + 1 else { return nil }
        guard i + 1 < b.upperBound else { return nil }
        let c1 = t[i + 1]
        // N位一体, N级联动, N治融合
        if Chars.isHan(c1), !Chars.isNumeral(c1), let h = t.prefixMatch(Self.numberedHeads, at: i + 2), c1 != "年" {
            let end = i + 2 + h.unicodeScalars.count
            // …一体化 (长三角一体化) is the word 一体化 after a name, not a formula.
            if end < b.upperBound, t[end] == "化" { return nil }
            return i..<end
        }
        // N大(专项)行动/工程/战略/攻坚
        if c1 == "大" {
            var j = i + 2
            while j < min(b.upperBound, i + 5), Chars.isHan(t[j]) {
                for h in ["专项行动", "行动", "工程", "攻坚战", "战略"] where t.hasPrefix(h, at: j) {
                    return i..<(j + h.unicodeScalars.count)
                }
                j += 1
            }
            return nil
        }
        // A x B y (…): numeral, 1–2 Han, numeral, 1–3 Han, repeated: 四抓四防, 三层四级, 两抢一盗, 三联一巡一站一中心
        guard !Self.measures.contains(c1) || c1 == "级" || c1 == "层" else { return nil }
        var j = i
        var groups = 0
        while j < b.upperBound, Chars.isCN(t[j]), !["几", "多", "百", "千", "零"].contains(t[j]) {
            var k = j + 1
            while k < b.upperBound, k - j <= 3, Chars.isHan(t[k]), !Chars.isNumeral(t[k]) { k += 1 }
            let len = k - j - 1
            guard len >= 1 else { break }
            if groups > 0 || true {
                // a group's word is 1–2 characters, except the last may be longer (一中心)
            }
            groups += 1
            j = k
            if k < b.upperBound, !Chars.isCN(t[k]) { break }
        }
        guard groups >= 2 else { return nil }
        // 一砖一瓦, 一心一意: an idiom, not a formula; function words inside mean a clause (一代又一代有).

        // Trim the last group to the width of the first.
        let w1 = { () -> Int in var k = i + 1; while k < b.upperBound, Chars.isHan(t[k]), !Chars.isNumeral(t[k]) { k += 1 }; return k - i - 1 }()
        guard w1 <= 2 else { return nil }
        // 一砖一瓦, 一心一意: an idiom, not a formula; function words inside mean a clause (一代又一代有).
        if groups == 2, u == "一", t[i + w1 + 1] == "一" { return nil }
        if t[i..<j].contains(where: { Self.functionChars.contains($0) }) { return nil }
        // The last group: keep at most max(w1, 2) characters if the formula continues into a generic head.
        var end = j
        var lastStart = j - 1
        while lastStart > i, !Chars.isCN(t[lastStart]) { lastStart -= 1 }
        let lastLen = end - lastStart - 1
        if lastLen > w1, lastLen > 1 { end = lastStart + 1 + w1 }
        // Ordinary counts: every word is a measure (三级四级 are levels) → not a formula.
        if Self.measures.contains(c1) && c1 != "层" && c1 != "级" { return nil }
        return i..<end
    }
}
