// Numeral parsing: Arabic (decimals, thousands separators, full-width digits), Chinese
// (两, 〇/零, 十五, 一百零八, 二〇二四), mixed (2.77万) and fractions (三分之一, 百分之三十).

/// A numeral read from the text: its value, where it ends and how it was written.
public struct ParsedNumeral: Sendable, Equatable {
    public enum Script: Sendable, Equatable { case arabic, chinese }
    public var value: Double
    /// End (exclusive) of the numeral, multiplier included.
    public var end: Int
    public var script: Script
    /// Whether a 万/亿 (or 千/百 after digits) multiplier was read.
    public var hasMultiplier: Bool
    /// Whether the numeral is an integer written with only digits (for years, identifiers).
    public var digitCount: Int
    public var isInteger: Bool
}

public enum ChineseNumeral {
    /// Value of a Chinese digit character (一…九, 两, 〇, 零), or nil.
    @inline(__always)
    public static func digit(_ u: Unicode.Scalar) -> Int? {
        switch u {
        case "〇", "零", "○", "0": return 0
        case "一": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    /// Value of a Chinese unit character 十/百/千 (small) or 万/亿 (section).
    @inline(__always)
    public static func power(_ u: Unicode.Scalar) -> Double? {
        switch u {
        case "十": return 10
        case "百": return 100
        case "千": return 1000
        case "万": return 10_000
        case "亿": return 100_000_000
        default: return nil
        }
    }

    @inline(__always)
    public static func arabicDigit(_ u: Unicode.Scalar) -> Int? {
        let v = u.value
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v - 0xFF10) }
        return nil
    }

    @inline(__always)
    public static func isChineseNumeralChar(_ u: Unicode.Scalar) -> Bool {
        digit(u) != nil || power(u) != nil
    }

    /// Parses the numeral starting at `start` (Arabic or Chinese), up to `limit`.
    public static func parse(_ text: [Unicode.Scalar], from start: Int, limit: Int) -> ParsedNumeral? {
        guard start < limit else { return nil }
        if arabicDigit(text[start]) != nil { return parseArabic(text, from: start, limit: limit) }
        return parseChinese(text, from: start, limit: limit)
    }

    /// Digits with optional `,` thousands groups and a decimal part, then an optional multiplier.
    static func parseArabic(_ text: [Unicode.Scalar], from start: Int, limit: Int) -> ParsedNumeral? {
        var i = start
        var mantissa: Double = 0
        var places = 0
        var digits = 0
        while i < limit {
            if let d = arabicDigit(text[i]) {
                mantissa = mantissa * 10 + Double(d); digits += 1; i += 1
            } else if text[i] == ",", digits > 0, i + 3 < limit || i + 3 == limit,
                      (1...3).allSatisfy({ i + $0 < limit && arabicDigit(text[i + $0]) != nil }),
                      i + 4 >= limit || arabicDigit(text[i + 4]) == nil {
                i += 1  // thousands separator: exactly three digits follow
            } else { break }
        }
        guard digits > 0 else { return nil }
        var isInteger = true
        if i + 1 < limit, text[i] == "." || text[i] == "．", arabicDigit(text[i + 1]) != nil {
            isInteger = false
            i += 1
            while i < limit, let d = arabicDigit(text[i]) { mantissa = mantissa * 10 + Double(d); places += 1; i += 1 }
        }
        var value = mantissa
        var scale: Double = 1
        var hasMultiplier = false
        // Multipliers: 万, 亿, 万亿, 千万, 百万, 千亿, 百亿; a lone 千/百 unless 百分 (percent).
        while i < limit, let p = power(text[i]), p >= 100 {
            if p < 10_000 {
                let next: Unicode.Scalar? = i + 1 < limit ? text[i + 1] : nil
                if next == "分" { break }
                if hasMultiplier { break }
            }
            scale *= p; hasMultiplier = true; i += 1
        }
        value = mantissa * scale
        var div: Double = 1
        for _ in 0..<places { div *= 10 }
        value = value / div
        return ParsedNumeral(value: value, end: i, script: .arabic, hasMultiplier: hasMultiplier,
                             digitCount: digits + places, isInteger: isInteger && !hasMultiplier || value == value.rounded())
    }

    /// Chinese numerals: 十五, 二十三, 一百零八, 三千, 两万, 五万; digit strings 二〇二四.
    static func parseChinese(_ text: [Unicode.Scalar], from start: Int, limit: Int) -> ParsedNumeral? {
        var i = start
        // Digit-string mode: two or more digit characters in a row (二〇二四, 一九九八).
        var run = 0
        while i + run < limit, digit(text[i + run]) != nil { run += 1 }
        if run >= 2 {
            guard run >= 3 else { return nil }  // 三四个, 一两句: approximate, not a number
            var v: Double = 0
            for k in 0..<run { v = v * 10 + Double(digit(text[i + k])!) }
            return ParsedNumeral(value: v, end: i + run, script: .chinese, hasMultiplier: false, digitCount: run, isInteger: true)
        }
        var total: Double = 0     // completed 亿 sections
        var section: Double = 0   // completed 万 section inside the current 亿
        var small: Double = 0     // below 万
        var pending: Double? = nil
        var lastPower: Double = 0
        var any = false
        var hasMultiplier = false
        while i < limit {
            let u = text[i]
            if (u == "零" || u == "〇" || u == "○") && any {
                i += 1; continue  // 一百零八: the zero only marks a gap
            } else if let d = digit(u) {
                if pending != nil { break }
                if u == "两", any && lastPower < 100 && lastPower != 0 { break }
                pending = Double(d); any = true; i += 1
            } else if let p = power(u) {
                if p < 10_000 {
                    if p >= lastPower && lastPower != 0 && lastPower < 10_000 { break }
                    if p == 10 && pending == nil && small == 0 && any == false {
                        small += 10  // 十五 = 15
                    } else {
                        guard let d = pending else { if any { break }; small += p; any = true; lastPower = p; i += 1; continue }
                        small += d * p
                    }
                    pending = nil; lastPower = p; any = true
                } else if p == 10_000 {
                    guard any else { break }
                    // 一千一万: a digit after 千/百 cannot take 万; end before that digit
                    if pending != nil, lastPower >= 100, lastPower < 10_000, text[i - 2] != "零", text[i - 2] != "〇" {
                        i -= 1; pending = nil; break
                    }
                    section += (small + (pending ?? 0)) * p
                    small = 0; pending = nil; lastPower = p; hasMultiplier = true
                } else {
                    guard any else { break }
                    total = (total + section + small + (pending ?? 0)) * p
                    section = 0; small = 0; pending = nil; lastPower = p; hasMultiplier = true
                }
                i += 1
            } else { break }
        }
        guard any else { return nil }
        var value = total + section + small
        // 八十七点八: decimals after 点
        if i + 1 < limit, text[i] == "点", let first = digit(text[i + 1]), text[i + 1] != "两", lastPower < 10_000 || pending != nil {
            var frac = 0.0, scale = 0.1
            var k = i + 1
            _ = first
            while k < limit, let d = digit(text[k]), text[k] != "两" { frac += Double(d) * scale; scale /= 10; k += 1 }
            value += (pending ?? 0) + frac
            return ParsedNumeral(value: value, end: k, script: .chinese, hasMultiplier: hasMultiplier, digitCount: 0, isInteger: false)
        }
        if let d = pending {
            // 一百零八 → 108; 一万五 (abbreviated) → 15000
            if lastPower >= 100 && i >= 2 && text[i - 2] != "零" && text[i - 2] != "〇" { value += d * lastPower / 10 } else { value += d }
        }
        // Trailing 零/〇 alone means nothing was added: fine.
        return ParsedNumeral(value: value, end: i, script: .chinese, hasMultiplier: hasMultiplier, digitCount: 0, isInteger: true)
    }

    /// Parses a whole string as one numeral (tests, tools): nil unless the numeral spans it all.
    /// Handles a leading minus (负/-), fractions (三分之一) and 百分之 percentages (→ the percent value).
    public static func value(of s: String) -> Double? {
        var scalars = Array(s.unicodeScalars)
        var sign: Double = 1
        if let f = scalars.first, f == "-" || f == "负" || f == "−" { sign = -1; scalars.removeFirst() }
        if scalars.count > 3, scalars[0] == "百", scalars[1] == "分", scalars[2] == "之" {
            guard let n = parse(scalars, from: 3, limit: scalars.count), n.end == scalars.count else { return nil }
            return sign * n.value
        }
        guard let n = parse(scalars, from: 0, limit: scalars.count) else { return nil }
        if n.end == scalars.count { return sign * n.value }
        if n.end + 2 < scalars.count, scalars[n.end] == "分", scalars[n.end + 1] == "之",
           let m = parse(scalars, from: n.end + 2, limit: scalars.count), m.end == scalars.count, n.value != 0 {
            return sign * m.value / n.value
        }
        if n.end + 1 == scalars.count, scalars[n.end] == "成" { return sign * n.value / 10 }
        return nil
    }
}
