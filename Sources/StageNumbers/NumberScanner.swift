// Finds number mentions in a sentence of the normalised text: the numeral, its multiplier,
// its unit or measure word, its qualifier, and what kind of amount it states.
import ZhituCore

/// The class of a unit word (the tag in Resources/units.txt).
public enum UnitClass: String, Sendable {
    case count, measure, money, percent, time, age
}

/// One number found by the scanner.
public struct NumberMention: Sendable, Equatable {
    public var range: Range<Int>
    public var numtype: String
    public var value: AnnotationValue
    public var unit: String?
    public var unitClass: UnitClass?
    public var qualifier: String?
    /// Set for the N大 + noun pattern, whose unit (the noun) the stage trims to word boundaries.
    public var nounUnitStart: Int? = nil
}

public struct NumberScanner: Sendable {
    let units: Trie
    let unitWords: [String]
    let unitClasses: [UnitClass]
    let fixed: Trie

    /// Builds the scanner from a units lexicon (`word<TAB>class`) and a fixed-words lexicon.
    public init(units: Lexicon, fixed: Lexicon, unitsFile: String = "units.txt") throws {
        var trie = Trie()
        var words: [String] = []
        var classes: [UnitClass] = []
        for (n, e) in units.entries.enumerated() {
            guard let c = UnitClass(rawValue: e.tag) else {
                throw LexiconError(file: unitsFile, line: nil,
                                   message: "entry \(n + 1) \(e.word): unknown unit class \"\(e.tag)\" (count, measure, money, percent, time, age)")
            }
            trie.insert(e.word, value: Int32(words.count))
            words.append(e.word)
            classes.append(c)
        }
        self.units = trie
        unitWords = words
        unitClasses = classes
        var f = Trie()
        for w in fixed.words { f.insert(w, value: 0) }
        self.fixed = f
    }

    // MARK: character classes

    @inline(__always) static func isAsciiLetter(_ u: Unicode.Scalar) -> Bool {
        (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x61 && u.value <= 0x7A)
    }
    @inline(__always) static func isHan(_ u: Unicode.Scalar) -> Bool {
        (u.value >= 0x4E00 && u.value <= 0x9FFF) || (u.value >= 0x3400 && u.value <= 0x4DBF)
    }
    /// Chinese digits that start a counted numeral inside a formula (五融五筑, 一降两升).
    @inline(__always) static func isFormulaDigit(_ u: Unicode.Scalar) -> Bool {
        u != "〇" && u != "零" && u != "○" && u != "0" && (ChineseNumeral.digit(u) != nil || u == "十")
    }
    static let dashes: Set<Unicode.Scalar> = ["—", "–", "-", "~", "～", "至", "到", "－"]
    static let leadingQualifiers2: [String] = ["超过", "不到", "不足", "将近", "大约", "多达", "接近", "至少", "最多", "最高", "最低"]
    static let leadingQualifiers1: Set<Unicode.Scalar> = ["约", "近", "超", "逾"]
    static let trailingQualifiers2: [String] = ["以上", "以下", "以内", "左右", "上下", "之多", "以来", "上旬", "中旬", "下旬"]
    static let trailingQualifiers1: Set<Unicode.Scalar> = ["余", "多", "许"]
    static let dateQualifiers1: Set<Unicode.Scalar> = ["底", "初", "末", "起"]
    /// Words after N大 that make it a name (二十大精神, 八大行动) rather than a count.
    static let bigNameWords: [String] = ["行动", "专项", "工程", "精神", "以来", "报告", "会", "代表", "战略", "任务",
                                         "攻坚", "举措", "活动", "召开", "胜利", "期间", "提出", "作出", "部署", "重大", "和", "的",
                                         "党章", "路线", "通过", "闭幕", "开幕", "确定", "决议", "政治", "以后", "上", "后", "前", "至", "到", "、"]
    /// Words after N届/N次 (no 第) that make it an event name (十九届四中全会, 五次会议).
    static let eventWords: [String] = ["会议", "全会", "人大", "代表大会", "党代会", "全体会议", "政协", "常委会", "中全会", "全国", "中央", "中纪委", "中共", "历次", "扩大"]

    @inline(__always) func matches(_ text: [Unicode.Scalar], _ at: Int, _ limit: Int, _ word: String) -> Bool {
        guard at < limit, let first = word.unicodeScalars.first, text[at] == first else { return false }
        var i = at
        for u in word.unicodeScalars {
            guard i < limit, text[i] == u else { return false }
            i += 1
        }
        return true
    }


    /// Whether some fixed word (一系列, 统一, 第一时间 …) covers position `p`.
    func insideFixedWord(_ text: [Unicode.Scalar], _ p: Int, lower: Int, upper: Int) -> Bool {
        let back = min(fixed.maxLength - 1, p - lower)
        guard back >= 0 else { return false }
        for k in 0...back {
            var hit = false
            fixed.forEachMatch(in: text, from: p - k, limit: upper) { end, _ in if end > p { hit = true } }
            if hit { return true }
        }
        return false
    }

    func unitMatch(_ text: [Unicode.Scalar], _ p: Int, _ limit: Int) -> (end: Int, word: String, cls: UnitClass)? {
        guard p < limit, let m = units.longestMatch(in: text, from: p, limit: limit) else { return nil }
        // A unit made of ASCII letters must not run on into a longer word (5G, km).
        if m.end < limit, Self.isAsciiLetter(text[m.end]), Self.isAsciiLetter(text[p]) { return nil }
        return (m.end, unitWords[Int(m.value)], unitClasses[Int(m.value)])
    }

    static let leadingQualifiers3: [String] = ["不少于", "不低于", "不超过", "不高于", "不多于"]

    func qualifierBefore(_ text: [Unicode.Scalar], _ s: Int, _ lower: Int) -> String? {
        if s - 3 >= lower {
            for q in Self.leadingQualifiers3 where matches(text, s - 3, s, q) { return q }
        }
        if s - 2 >= lower {
            for q in Self.leadingQualifiers2 where matches(text, s - 2, s, q) { return q }
        }
        if s - 1 >= lower, Self.leadingQualifiers1.contains(text[s - 1]) { return String(text[s - 1]) }
        return nil
    }

    func qualifierAfter(_ text: [Unicode.Scalar], _ e: Int, _ limit: Int, date: Bool) -> String? {
        guard e < limit else { return nil }
        for q in Self.trailingQualifiers2 where matches(text, e, limit, q) { return q }
        if date { return Self.dateQualifiers1.contains(text[e]) ? String(text[e]) : nil }
        if Self.trailingQualifiers1.contains(text[e]) { return String(text[e]) }
        return nil
    }

    // MARK: scanning

    /// Scans `lower..<upper` (one sentence). `year` resolves dates without one; `excluded`
    /// ranges (short quotations: slogans and names) hold no numbers.
    public func scan(_ text: [Unicode.Scalar], _ lower: Int, _ upper: Int, year: String?,
                     excluded: [Range<Int>] = []) -> [NumberMention] {
        var out: [NumberMention] = []
        var i = lower
        while i < upper {
            let u = text[i]
            let isArabic = ChineseNumeral.arabicDigit(u) != nil
            let isChinese = !isArabic && ChineseNumeral.isChineseNumeralChar(u)
            if !isArabic && !isChinese && u != "第" { i += 1; continue }
            // Inside a quotation or book title only a year or page stamp is read (《2016年…公报》).
            if !isArabic, excluded.contains(where: { $0.contains(i) }) { i += 1; continue }
            if u == "第" {
                if let m = ordinal(text, i, lower, upper) ?? bareOrdinal(text, i, lower, upper) { out.append(m); i = m.range.upperBound } else {
                    i += 1  // 第二大, 第一时间: the numeral after 第 is no amount
                    while i < upper, ChineseNumeral.isChineseNumeralChar(text[i]) || ChineseNumeral.arabicDigit(text[i]) != nil { i += 1 }
                }
                continue
            }
            // Inside a run of digits or letters (PM2.5, A3, 12-3): skip the whole run.
            if i > lower {
                let prev = text[i - 1]
                let dashInRun = prev == "-" && i - 2 >= lower && ChineseNumeral.arabicDigit(text[i - 2]) != nil  // 2024-13-45: an identifier
                if isArabic, dashInRun || Self.isAsciiLetter(prev) || prev == "." || prev == "·" || prev == "•" || prev == "+" || prev == "/" || prev == "_" || prev == "#" || prev == "＋" {
                    i += 1; while i < upper, ChineseNumeral.arabicDigit(text[i]) != nil || text[i] == "." { i += 1 }
                    continue
                }
            }
            if u == "百", i + 3 < upper, text[i + 1] == "分", text[i + 2] == "之",
               let n = ChineseNumeral.parse(text, from: i + 3, limit: upper) {
                out.append(NumberMention(range: i..<n.end, numtype: "percent", value: .number(n.value), unit: "%",
                                         unitClass: .percent, qualifier: qualifierBefore(text, i, lower) ?? qualifierAfter(text, n.end, upper, date: false)))
                i = n.end
                continue
            }
            if isChinese {
                // A Chinese numeral starts with a digit or 十; a bare 百/千/万 only after 近/约/上/超 (近百个).
                let startsOK: Bool
                if u == "〇" || u == "零" || u == "○" { startsOK = false }
                else if ChineseNumeral.digit(u) != nil || u == "十" { startsOK = true }
                else { startsOK = i > lower && ["近", "约", "上", "超", "逾"].contains(text[i - 1]) }
                let vague = i > lower && (text[i - 1] == "几" || text[i - 1] == "数" || text[i - 1] == "若")  // 几十年, 数百
                if !startsOK || vague || insideFixedWord(text, i, lower: lower, upper: upper) {
                    i += 1; while i < upper, ChineseNumeral.isChineseNumeralChar(text[i]) { i += 1 }
                    continue
                }
                if let m = approximatePair(text, i, lower, upper) {
                    if !excluded.contains(where: { $0.overlaps(m.range) }) { out.append(m) }
                    i = m.range.upperBound
                    continue
                }
            }
            guard let n = ChineseNumeral.parse(text, from: i, limit: upper) else {
                i += 1; while i < upper, ChineseNumeral.isChineseNumeralChar(text[i]) { i += 1 }
                continue
            }
            if var m = candidate(text, n, i, lower, upper, year: year) {
                // A negative sign right before an Arabic number.
                if isArabic, i > lower, text[i - 1] == "-" || text[i - 1] == "－" || text[i - 1] == "负",
                   i - 1 == lower || !(ChineseNumeral.arabicDigit(text[i - 2]) != nil || Self.isAsciiLetter(text[i - 2])),
                   text[i - 1] != "负" || i - 1 == lower || !Self.isHan(text[i - 2]) || ["为", "是", "比", "至", "到", "达", "长", "速"].contains(text[i - 2]),
                   case .number(let v) = m.value, m.numtype != "date" {
                    m.value = .number(-v); m.range = (i - 1)..<m.range.upperBound
                }
                if !excluded.contains(where: { $0.overlaps(m.range) }) || Self.isCalendarYear(m) { out.append(m) }
                i = max(m.range.upperBound, n.end)
            } else if !n.isInteger, n.script == .arabic, n.end < upper, ["月", "日", "号", "时"].contains(text[skipSpaces(text, n.end, upper)]),
                      let dot = (i..<n.end).first(where: { text[$0] == "." || text[$0] == "．" }) {
                i = dot + 1  // a list number before a date: 1．6月6日
            } else {
                i = n.end
                // Skip the rest of an Arabic run (a phone number, 1·24, 5+X).
                while i < upper, ChineseNumeral.arabicDigit(text[i]) != nil { i += 1 }
            }
        }
        return out
    }

    /// A measure word that is the first character of a longer word (两千三百万台湾同胞).
    static let unitRunOns: [String: Set<Unicode.Scalar>] = ["台": ["湾", "州", "阶", "风"], "方": ["案", "式", "向", "针", "法", "面"], "元": ["素", "化", "年", "旦"],
                                                            "期": ["间"], "角": ["形", "洲", "区", "债", "度", "落", "色", "逐", "钱"], "口": ["岸", "罩", "号", "径", "子", "气", "头", "述"], "回": ["事", "归", "应", "复", "落", "收", "顾", "头"], "里": ["程", "面", "边", "头", "的", "外"], "款": ["项", "待"], "把": ["握", "关", "手", "脉"], "类": ["似", "型", "别"], "级": ["别"], "部": ["署", "分", "长"], "位": ["于", "置"], "起": ["来", "步", "点"]]
    @inline(__always) static func unitRunsOn(_ text: [Unicode.Scalar], _ unit: String, _ end: Int, _ upper: Int) -> Bool {
        guard end < upper, let set = unitRunOns[unit] else { return false }
        return set.contains(text[end])
    }

    /// The unit as records give it: ％ → %, 个百分点 → 百分点.
    static func canonicalUnit(_ w: String) -> String {
        switch w {
        case "个百分点": return "百分点"
        case "％": return "%"
        default: return w
        }
    }

    @inline(__always) func skipSpaces(_ text: [Unicode.Scalar], _ p: Int, _ upper: Int) -> Int {
        var q = p
        while q < upper, text[q] == " " || text[q] == "\u{3000}" || text[q] == "\t" { q += 1 }
        return q
    }

    /// The number that starts with numeral `n` at `s`, or nil when it states no amount.
    func candidate(_ text: [Unicode.Scalar], _ n: ParsedNumeral, _ s: Int, _ lower: Int, _ upper: Int,
                   year: String?) -> NumberMention? {
        let e = n.end
        let f = skipSpaces(text, e, upper)  // PDF text: 1 月 31 日, 51 件
        let next: Unicode.Scalar? = f < upper ? text[f] : nil
        if n.script == .arabic, let stamp = stampOrClock(text, s, lower, upper) { return stamp }
        if n.script == .arabic, isStampShape(text, s, upper) { return nil }  // 2024-13-45: no calendar date, an identifier
        if next == "年", let d = decade(text, n, s, f, lower, upper) { return d }
        if next == "点" || next == "时", let c = clockWithDian(text, n, s, f, lower, upper) { return c }
        if n.script == .arabic {
            if next == "/", n.isInteger, !n.hasMultiplier, n.value > 0, f + 1 < upper,
               let m = ChineseNumeral.parse(text, from: f + 1, limit: upper), m.script == .arabic, m.isInteger, !m.hasMultiplier,
               m.end >= upper || (text[m.end] != "/" && text[m.end] != "." && !Self.isAsciiLetter(text[m.end])), m.value > n.value {
                return NumberMention(range: s..<m.end, numtype: "quantity", value: .number(n.value / m.value), unit: nil, unitClass: nil,
                                     qualifier: qualifierBefore(text, s, lower) ?? qualifierAfter(text, m.end, upper, date: false))
            }
            if let c = next, c == "+" || c == "＋" || c == "·" || c == "•" || c == "/" || c == "_" { return nil }
            if let c = next, c == ".", e + 1 < upper, ChineseNumeral.arabicDigit(text[e + 1]) != nil { return nil }
            // Long digit strings are identifiers (phone numbers, codes).
            if n.digitCount >= 7, n.isInteger, !n.hasMultiplier, !text[s..<e].contains(",") { return nil }
        }
        // 1．6月6日: a list number, then a date (the scanner restarts after the dot).
        if !n.isInteger, n.script == .arabic, !n.hasMultiplier, let c = next, c == "月" || c == "日" || c == "号" { return nil }
        // Dates: 2024年1月29日, 2023年, 1月23日, 6月; clock time 9时.
        if next == "年", isYear(n, text, s) {
            var end = f + 1
            var value = String(Int(n.value))
            if let md = monthDay(text, skipSpaces(text, end, upper), upper) { end = md.end; value += "-" + md.value }
            else if end < upper, text[end] == "度" { end += 1 }  // 2023年度: the year as an accounting period
            // A year range: 2017—2022年 is handled below, this is the plain year.
            return NumberMention(range: s..<end, numtype: "date", value: .string(value), unit: nil, unitClass: nil,
                                 qualifier: qualifierAfter(text, end, upper, date: true))
        }
        if next == "月", s == lower || text[s - 1] != "个", let md = monthDay(text, s, upper) {
            let y = relativeYear(text, s, lower, year) ?? year
            let value = y.map { "\($0)-\(md.value)" } ?? "--\(md.value)"
            return NumberMention(range: s..<md.end, numtype: "date", value: .string(value), unit: nil, unitClass: nil,
                                 qualifier: qualifierAfter(text, md.end, upper, date: true))
        }
        if n.script == .arabic, next == "时", n.isInteger, !n.hasMultiplier, n.value <= 24, f + 1 <= upper {
            let after: Unicode.Scalar? = f + 1 < upper ? text[f + 1] : nil
            if after == nil || !["代", "期", "间", "候", "刻", "段", "效", "尚", "速"].contains(after!) {
                var end = f + 1
                var minutes = "00"
                if end < upper, let m = ChineseNumeral.parse(text, from: end, limit: upper), m.end < upper, text[m.end] == "分",
                   m.value < 60, m.isInteger {
                    minutes = twoDigits(m.value); end = m.end + 1
                    if end < upper, let sec = ChineseNumeral.parse(text, from: end, limit: upper), sec.end < upper, text[sec.end] == "秒",
                       sec.value < 60, sec.isInteger {
                        minutes += ":" + twoDigits(sec.value); end = sec.end + 1  // 10时45分05秒
                    }
                }
                return NumberMention(range: s..<end, numtype: "date", value: .string("T\(twoDigits(n.value)):\(minutes)"),
                                     unit: nil, unitClass: nil, qualifier: nil)
            }
        }
        if next == "日", let d = loneDay(text, n, s, f, lower, upper) { return d }
        if next == "日" || next == "号" { return nil }  // 每三日, an address number
        // Ranges: 2017—2022年, 3至5年.
        if let c = next, Self.dashes.contains(c) {
            var p = f + 1
            if c == "—", p < upper, text[p] == "—" { p += 1 }
            if p < upper, let m = ChineseNumeral.parse(text, from: p, limit: upper), m.script == n.script, m.value > n.value {
                if text[m.end..<min(m.end + 1, upper)].first == "年", isYear(n, text, s), isYear(m, text, p) {
                    return NumberMention(range: s..<(m.end + 1), numtype: "range",
                                         value: .string("\(Int(n.value))/\(Int(m.value))"), unit: "年", unitClass: .time,
                                         qualifier: qualifierAfter(text, m.end + 1, upper, date: true))
                }
                if let u = unitMatch(text, m.end, upper), !(n.value == 1 && n.script == .chinese) {
                    return NumberMention(range: s..<u.end, numtype: "range", value: .string("\(format(n.value))/\(format(m.value))"),
                                         unit: Self.canonicalUnit(u.word), unitClass: u.cls,
                                         qualifier: qualifierBefore(text, s, lower) ?? qualifierAfter(text, u.end, upper, date: false))
                }
            }
        }
        // Fractions: 三分之一.
        if next == "分", f + 2 < upper, text[f + 1] == "之", let m = ChineseNumeral.parse(text, from: f + 2, limit: upper), n.value > 0 {
            return NumberMention(range: s..<m.end, numtype: "quantity", value: .number(m.value / n.value), unit: nil,
                                 unitClass: nil, qualifier: qualifierBefore(text, s, lower) ?? qualifierAfter(text, m.end, upper, date: false))
        }
        // 三成: a tenth share, as a percentage.
        if next == "成", n.script == .chinese, n.value >= 1, n.value <= 10, e - s == 1 {
            let after: Unicode.Scalar? = f + 1 < upper ? text[f + 1] : nil
            if after == nil || !Self.isHan(after!) || ["以", "左", "多", "的", "上", "是"].contains(after!) {
                return NumberMention(range: s..<(f + 1), numtype: "percent", value: .number(n.value * 10), unit: "成",
                                     unitClass: .percent, qualifier: qualifierBefore(text, s, lower) ?? qualifierAfter(text, f + 1, upper, date: false))
            }
        }
        if let c = compoundDuration(text, n, s, f, lower, upper) { return c }
        // Chinese numerals inside formulas and names (五融五筑, 一降两升, 十九届四中全会).
        var p = f
        var inside: String? = nil
        var scaled = n.value
        if let c = next, c == "余" || c == "多" {
            if unitMatch(text, f + 1, upper) != nil { inside = String(c); p = f + 1 }
            else if f + 1 < upper, let pw = ChineseNumeral.power(text[f + 1]), pw >= 10_000, !n.hasMultiplier || pw == 100_000_000 {
                if unitMatch(text, f + 2, upper) != nil {
                    inside = String(c); p = f + 2; scaled = n.value * pw  // 3万多亿元
                } else if !(n.script == .chinese && formulaAround(text, s, f + 2, lower, upper)) {
                    // 1000多万农民: a multiplied amount with no unit
                    return NumberMention(range: s..<(f + 2), numtype: "quantity", value: .number(n.value * pw), unit: nil, unitClass: nil,
                                         qualifier: String(c))
                }
            }
        }
        if var u = unitMatch(text, p, upper), !Self.unitRunsOn(text, u.word, u.end, upper) {
            if isGradeLabel(text, s, u, lower, upper) || isProgrammeName(text, n, u, upper) { return nil }
            if u.word == "里", scaled < 100 { return nil }  // 三千里 is a distance; 七里, 三里 are mostly names and idioms
            if let end = timesCompound(text, u, upper) { u = (end, u.word + "次", u.cls) }
            if n.script == .chinese {
                if e - s == 1, text[s] == "一", u.cls != .time, u.cls != .age { return nil }  // indefinite 一 (一批, 一个社区)
                if e - s == 1, text[s] == "一", s > lower, text[s - 1] == "的" || text[s - 1] == "这" || text[s - 1] == "那" { return nil }  // 新的一年
                if formulaAround(text, s, u.end, lower, upper) { return nil }
            }
            if n.script == .chinese, u.cls == .money, n.value < 10 { return nil }  // 二元结构, 一元化
            if n.script == .chinese, u.word == "方" { return nil }  // 三方: parties, not cubic metres
            if n.script == .chinese, u.word == "度", n.value < 10 { return nil }  // 两度: twice
            if u.word == "年", u.end < upper, text[u.end] == "代" { return nil }  // 九十年代: a decade
            if n.script == .chinese, u.word == "届" || u.word == "次" {
                for w in Self.eventWords where matches(text, u.end, upper, w) { return nil }
            }
            if u.cls == .time, u.word == "年", n.script == .chinese, e - s == 1, text[s] == "一", u.end < upper, text[u.end] == "一" { return nil }
            let numtype: String
            switch u.cls {
            case .money: numtype = "money"
            case .percent: numtype = "percent"
            default: numtype = "quantity"
            }
            let unit = Self.canonicalUnit(u.word)
            return NumberMention(range: s..<u.end, numtype: numtype, value: .number(scaled), unit: unit, unitClass: u.cls,
                                 qualifier: inside ?? qualifierBefore(text, s, lower) ?? qualifierAfter(text, u.end, upper, date: false))
        }
        // N大 + noun (六大领域): the noun is the unit, unless it names a campaign or event.
        // Chinese 七大 … 二十大 name party congresses; counts of that size are written with digits.
        if next == "大", n.isInteger, n.value >= 2, n.value < 100, !n.hasMultiplier,
           !(n.script == .chinese && n.value >= 7 && n.value != 10) {
            var q = f + 1
            while q < upper, q - e - 1 < 4, Self.isHan(text[q]), !["的", "和", "与", "及", "等", "中", "为", "是", "在"].contains(text[q]) { q += 1 }
            // 五大高于全省: an adjective with 于 (高于, 严于) follows, so no noun is counted.
            if f + 2 < upper, text[f + 2] == "于" {
                return NumberMention(range: s..<(f + 1), numtype: "quantity", value: .number(n.value), unit: nil, unitClass: .count,
                                     qualifier: qualifierBefore(text, s, lower))
            }
            guard q - e - 1 >= 2 else { return nil }
            for w in Self.bigNameWords where matches(text, f + 1, upper, w) { return nil }
            if s > lower, text[s - 1] == "第" { return nil }
            // 党的十八大, 七大和八大: congress names
            if s - 2 >= lower, matches(text, s - 2, s, "党的") || matches(text, s - 2, s, "大和") || matches(text, s - 2, s, "大、") { return nil }
            if n.script == .chinese, formulaAround(text, s, q, lower, upper) { return nil }
            return NumberMention(range: s..<q, numtype: "quantity", value: .number(n.value), unit: text.string((f + 1)..<q),
                                 unitClass: .count, qualifier: qualifierBefore(text, s, lower), nounUnitStart: f + 1)
        }
        // No unit: only a multiplied amount counts (248万, 五万余).
        if n.hasMultiplier, n.value >= 10_000 {
            if n.script == .chinese, formulaAround(text, s, e, lower, upper) { return nil }
            return NumberMention(range: s..<e, numtype: "quantity", value: .number(n.value), unit: nil, unitClass: nil,
                                 qualifier: qualifierBefore(text, s, lower) ?? qualifierAfter(text, e, upper, date: false))
        }
        return nil
    }

    /// Whether a Chinese-numeral count sits in a formula: another counted numeral within two
    /// Han characters before or after it (五融五筑, 三层四级, 两家变一家, 十九届四中全会).
    func formulaAround(_ text: [Unicode.Scalar], _ s: Int, _ e: Int, _ lower: Int, _ upper: Int) -> Bool {
        var k = e
        while k < upper, k < e + 3 {
            if Self.isFormulaDigit(text[k]) { return true }
            if !Self.isHan(text[k]) { break }
            k += 1
        }
        k = s - 1
        while k >= lower, k >= s - 2 {
            if Self.isFormulaDigit(text[k]) { return true }
            if !Self.isHan(text[k]) { break }
            k -= 1
        }
        return false
    }

    func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
