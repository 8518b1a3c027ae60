// Approximate amounts written as two neighbouring Chinese digits: 三四名 → range "3/4",
// 二三十人 → "20/30", 五六百元 → "500/600", 八九十年代 → "198X/199X". 一两 is the
// indefinite "one or two" and stays out (一两句话), as do idioms like 三五成群 (not neighbours).
import ZhituCore

extension NumberScanner {
    /// The range that starts with the digit pair at `s`, or nil.
    func approximatePair(_ text: [Unicode.Scalar], _ s: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        guard s + 2 < upper, let a = ChineseNumeral.digit(text[s]), let b = ChineseNumeral.digit(text[s + 1]),
              a >= 2, b == a + 1, text[s] != "〇", text[s] != "○" else { return nil }
        // 十五六个: a teen before the pair is not read here (the 十 starts another numeral).
        if s > lower, ChineseNumeral.isChineseNumeralChar(text[s - 1]) { return nil }
        if let d = decadePair(text, a, s, lower, upper) { return d }
        var p = s + 2
        var scale: Double = 1
        if p < upper, let pw = ChineseNumeral.power(text[p]) {
            scale = pw; p += 1
            if p < upper, let pw2 = ChineseNumeral.power(text[p]), pw2 >= 10_000, pw < 10_000 { scale *= pw2; p += 1 }
        }
        var inside: String? = nil
        if p < upper, text[p] == "余" || text[p] == "多" { inside = String(text[p]); p += 1 }
        guard let u = unitMatch(text, p, upper), !Self.unitRunsOn(text, u.word, u.end, upper),
              !formulaAround(text, s, u.end, lower, upper) else { return nil }
        if u.cls == .money, scale == 1 { return nil }  // 三四元: too vague to be money
        if u.word == "月" { return nil }  // 八九月: months of the year, not a duration
        let value = "\(format(Double(a) * scale))/\(format(Double(b) * scale))"
        return NumberMention(range: s..<u.end, numtype: "range", value: .string(value), unit: Self.canonicalUnit(u.word),
                             unitClass: u.cls, qualifier: inside ?? qualifierBefore(text, s, lower) ?? qualifierAfter(text, u.end, upper, date: false))
    }
}
