// Written forms of time: month and day (6月5日), page stamps (2018-08-26),
// clock times (12:07:16, 8点半, 10时49分), decades (九十年代 → 199X), compound durations
// (15分25秒 → 925 秒) and days written without their month (19日, resolved by the stage).
import ZhituCore

extension NumberScanner {
    func twoDigits(_ v: Double) -> String { let n = Int(v); return n < 10 ? "0\(n)" : "\(n)" }

    /// Month (and day) after position `p`: (end, "MM" or "MM-DD").
    func monthDay(_ text: [Unicode.Scalar], _ p: Int, _ upper: Int) -> (end: Int, value: String)? {
        guard p < upper, let m = ChineseNumeral.parse(text, from: p, limit: upper), !m.hasMultiplier,
              m.value >= 1, m.value <= 12, m.value == m.value.rounded() else { return nil }
        let me = skipSpaces(text, m.end, upper)
        guard me < upper, text[me] == "月" else { return nil }
        var end = me + 1
        let ds = skipSpaces(text, end, upper)
        var value = twoDigits(m.value)
        if ds < upper, let d = ChineseNumeral.parse(text, from: ds, limit: upper), !d.hasMultiplier,
           d.value >= 1, d.value <= 31, d.value == d.value.rounded(),
           case let de = skipSpaces(text, d.end, upper), de < upper, text[de] == "日" || text[de] == "号" {
            end = de + 1
            value += "-" + twoDigits(d.value)
        }
        return (end, value)
    }

    func isYear(_ n: ParsedNumeral, _ text: [Unicode.Scalar], _ s: Int) -> Bool {
        !n.hasMultiplier && n.isInteger && n.value >= 1000 && n.value <= 2200 && n.end - s == 4
    }

    /// Words for a part of the day: after one, N点 is a clock time (上午8点), not a count of points.
    static let dayParts: [String] = ["凌晨", "早上", "早晨", "上午", "中午", "下午", "傍晚", "晚上", "夜间", "夜里", "清晨", "午后", "每天", "当天", "当晚", "次日", "早", "晚"]
    /// Characters after 日 that make it part of a word (日常, 日益, 日均), not a day of the month.
    static let dayRunOns: Set<Unicode.Scalar> = ["常", "益", "子", "均", "用", "本", "元", "语", "趋", "夜", "臻", "渐", "军", "式", "历", "记", "志", "程", "新", "后", "游", "内", "间"]

    /// Exactly `count` ASCII digits at `p` (not followed by another digit), as a number.
    func fixedDigits(_ text: [Unicode.Scalar], _ p: Int, _ upper: Int, _ count: ClosedRange<Int>) -> (value: Int, end: Int)? {
        var k = p, v = 0
        while k < upper, let d = ChineseNumeral.arabicDigit(text[k]), k - p < count.upperBound { v = v * 10 + d; k += 1 }
        guard count.contains(k - p), k >= upper || ChineseNumeral.arabicDigit(text[k]) == nil else { return nil }
        return (v, k)
    }

    /// A page stamp `2018-08-26` / `2018/8/26` (a valid calendar date), or a clock time
    /// `12:07` / `12:07:16`, starting at `s`.
    func stampOrClock(_ text: [Unicode.Scalar], _ s: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        if let y = fixedDigits(text, s, upper, 4...4), y.end < upper, text[y.end] == "-" || text[y.end] == "/",
           let m = fixedDigits(text, y.end + 1, upper, 1...2), m.end < upper, text[m.end] == text[y.end],
           let d = fixedDigits(text, m.end + 1, upper, 1...2), (1900...2100).contains(y.value),
           Self.isValidDate(year: y.value, month: m.value, day: d.value),
           d.end >= upper || !(Self.isAsciiLetter(text[d.end]) || text[d.end] == "-" || text[d.end] == "/") {
            let value = "\(y.value)-\(twoDigits(Double(m.value)))-\(twoDigits(Double(d.value)))"
            return NumberMention(range: s..<d.end, numtype: "date", value: .string(value), unit: nil, unitClass: nil, qualifier: nil)
        }
        guard let h = fixedDigits(text, s, upper, 1...2), h.value <= 24, h.end < upper, text[h.end] == ":" || text[h.end] == "：",
              let m = fixedDigits(text, h.end + 1, upper, 2...2), m.value < 60 else { return nil }
        var end = m.end
        var value = "T\(twoDigits(Double(h.value))):\(twoDigits(Double(m.value)))"
        if end < upper, text[end] == text[h.end], let sec = fixedDigits(text, end + 1, upper, 2...2), sec.value < 60 {
            value += ":" + twoDigits(Double(sec.value)); end = sec.end
        } else if end < upper, text[end] == ":" || text[end] == "." { return nil }  // 1:2:3 ratios, 1:20.5
        return NumberMention(range: s..<end, numtype: "date", value: .string(value), unit: nil, unitClass: nil, qualifier: nil)
    }

    /// Four digits, a dash or slash, digits, the same mark, digits: shaped like a page stamp.
    func isStampShape(_ text: [Unicode.Scalar], _ s: Int, _ upper: Int) -> Bool {
        guard let y = fixedDigits(text, s, upper, 4...4), y.end < upper, text[y.end] == "-" || text[y.end] == "/",
              let m = fixedDigits(text, y.end + 1, upper, 1...2), m.end < upper, text[m.end] == text[y.end],
              fixedDigits(text, m.end + 1, upper, 1...2) != nil else { return false }
        return true
    }

    /// Whether year-month-day is a real calendar date.
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// N点 / N点半 / N点M分 / N时半: a clock time when the hour is followed by 半, 钟 or minutes, or
    /// when a part of the day comes just before it (上午8点); N点 alone is also a count of points.
    func clockWithDian(_ text: [Unicode.Scalar], _ n: ParsedNumeral, _ s: Int, _ f: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        guard n.isInteger, !n.hasMultiplier, n.value <= 24, f < upper, text[f] == "点" || text[f] == "时" else { return nil }
        var end = f + 1
        var minutes: Int? = nil
        if end < upper, text[end] == "半" { minutes = 30; end += 1 }
        else if text[f] == "点", end < upper, let m = ChineseNumeral.parse(text, from: end, limit: upper), m.end < upper, text[m.end] == "分",
                m.isInteger, !m.hasMultiplier, m.value < 60 {
            minutes = Int(m.value); end = m.end + 1
        } else if text[f] == "点", end < upper, text[end] == "钟" || text[end] == "整" { minutes = 0; end += 1 }
        if minutes == nil {
            guard text[f] == "点" else { return nil }  // N时 alone is handled with the other clock forms
            let dayPart = Self.dayParts.contains { w in
                let c = w.unicodeScalars.count
                return s - c >= lower && matches(text, s - c, s, w)
            }
            guard dayPart, end >= upper || (text[end] != "多" && text[end] != "几") else { return nil }  // 8点多: vague
            minutes = 0
        }
        let value = "T\(twoDigits(n.value)):\(twoDigits(Double(minutes!)))"
        return NumberMention(range: s..<end, numtype: "date", value: .string(value), unit: nil, unitClass: nil, qualifier: nil)
    }

    /// N0年代 (九十年代, 90年代, 1990年代): a decade, as "199X"; 21世纪/本世纪 before it puts it in the 2000s.
    func decade(_ text: [Unicode.Scalar], _ n: ParsedNumeral, _ s: Int, _ f: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        guard f + 1 < upper, text[f] == "年", text[f + 1] == "代", n.isInteger, !n.hasMultiplier,
              let digit = decadeDigit(n.value) else { return nil }
        let century = n.value >= 1000 ? String(Int(n.value) / 100) : decadeCentury(text, s, lower)
        return NumberMention(range: s..<(f + 2), numtype: "date", value: .string("\(century)\(digit)X"), unit: nil,
                             unitClass: nil, qualifier: qualifierAfter(text, f + 2, upper, date: true))
    }

    func decadeDigit(_ v: Double) -> Int? {
        let d = v >= 1000 ? Int(v) % 100 : Int(v)
        guard d % 10 == 0, d < 100, v == v.rounded() else { return nil }
        return d / 10
    }

    /// "19" unless 21世纪 / 本世纪 / 二十一世纪 just before (a decade of the 2000s).
    func decadeCentury(_ text: [Unicode.Scalar], _ s: Int, _ lower: Int) -> String {
        for w in ["21世纪", "本世纪", "二十一世纪"] {
            let c = w.unicodeScalars.count
            if s - c >= lower, matches(text, s - c, s, w) { return "20" }
        }
        return "19"
    }

    /// Two consecutive decades (八九十年代 → "198X/199X"), from the first digit at `s`.
    func decadePair(_ text: [Unicode.Scalar], _ a: Int, _ s: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        let p = s + 2
        guard p + 2 < upper, text[p] == "十", text[p + 1] == "年", text[p + 2] == "代" else { return nil }
        let c = decadeCentury(text, s, lower)
        return NumberMention(range: s..<(p + 3), numtype: "range", value: .string("\(c)\(a)X/\(c)\(a + 1)X"), unit: "年代",
                             unitClass: .time, qualifier: nil)
    }

    /// N分M秒, N小时M分(钟), N分钟M秒: one duration in the smaller unit (15分25秒 → 925 秒).
    func compoundDuration(_ text: [Unicode.Scalar], _ n: ParsedNumeral, _ s: Int, _ f: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        guard f < upper else { return nil }
        let bigUnits: [(String, Double, String)] = [("个小时", 60, "分钟"), ("小时", 60, "分钟"), ("分钟", 60, "秒"), ("分", 60, "秒")]
        for (word, factor, small) in bigUnits where matches(text, f, upper, word) {
            let p = f + word.unicodeScalars.count
            guard p < upper, let m = ChineseNumeral.parse(text, from: p, limit: upper), !m.hasMultiplier, m.value < 60 else { return nil }
            let smallWords = small == "秒" ? ["秒钟", "秒"] : ["分钟", "分"]
            for sw in smallWords where matches(text, m.end, upper, sw) {
                let end = m.end + sw.unicodeScalars.count
                return NumberMention(range: s..<end, numtype: "quantity", value: .number(n.value * factor + m.value), unit: small,
                                     unitClass: .time, qualifier: qualifierBefore(text, s, lower) ?? qualifierAfter(text, end, upper, date: false))
            }
            return nil
        }
        return nil
    }

    /// N日 without its month: a day, value "---DD" until the stage resolves it from the date
    /// before it (6月25日至29日) or the document's date.
    func loneDay(_ text: [Unicode.Scalar], _ n: ParsedNumeral, _ s: Int, _ f: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        guard f < upper, text[f] == "日", n.isInteger, !n.hasMultiplier, n.value >= 1, n.value <= 31,
              f + 1 >= upper || !Self.dayRunOns.contains(text[f + 1]) else { return nil }
        // 每日, 逐日 … come before a count of days, not a date; a Chinese numeral needs a clear day (十九日).
        if n.script == .chinese, n.value < 11 { return nil }
        return NumberMention(range: s..<(f + 1), numtype: "date", value: .string("---\(twoDigits(n.value))"), unit: nil,
                             unitClass: nil, qualifier: qualifierAfter(text, f + 1, upper, date: true))
    }
}
