// Counts and labels decided by the words around them: ordinals (第五次, and 排行第八 with no
// measure word), X次 compounds (家次), grade labels (国家二级标准), programme names (三年行动),
// and years a quotation or title may hold (《2016年…公报》).
import ZhituCore

extension NumberScanner {
    /// Words before a bare 第一 that make it a rank (排名第一) rather than a motto (安全第一).
    static let rankWords: [String] = ["排名", "排行", "位居", "位列", "名列", "居", "列", "排"]
    /// Nouns after N级 that make it a grade or rank, not a count of tiers (二级标准, 三级响应,
    /// 四级高级警长). A magnitude (6.6级地震, 8级大风) is a measurement and stays.
    static let gradeNouns: [String] = ["标准", "响应", "预警", "医院", "文物", "资质", "警报", "警戒", "巡视员", "调研员", "主任科员",
                                      "科员", "高级", "教师", "职称", "伤残", "指标", "水质"]
    /// Nouns after N年 that name a programme (三年行动, 五年规划) rather than a duration.
    static let programmeNouns: [String] = ["行动", "规划", "计划", "方案", "攻坚", "纲要"]
    /// Characters after X次 that make 次 part of another word (次要, 次序, 次日).
    static let timesRunOns: Set<Unicode.Scalar> = ["要", "序", "级", "日", "年", "之", "生", "品", "贷", "数", "第", "月", "会", "的"]

    /// 第 + numeral + measure word (第十七届, 第五次).
    func ordinal(_ text: [Unicode.Scalar], _ i: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        guard i + 2 < upper, insideFixedWord(text, i, lower: lower, upper: upper) == false,
              let n = ChineseNumeral.parse(text, from: i + 1, limit: upper), n.end > i + 1,
              !n.hasMultiplier, n.value >= 1, n.value == n.value.rounded() else { return nil }
        if n.script == .chinese, insideFixedWord(text, i + 1, lower: lower, upper: upper) { return nil }
        guard let u = unitMatch(text, n.end, upper), u.cls == .count || u.cls == .time,
              !["人", "倍", "头", "只"].contains(u.word) else { return nil }
        return NumberMention(range: i..<u.end, numtype: "ordinal", value: .number(n.value), unit: u.word,
                             unitClass: u.cls, qualifier: nil)
    }

    /// 第 + numeral with no measure word, closing a clause (排行第八，居全省第三、全国第四).
    /// A list marker opens its clause (第一，…) and 第一 after a noun is a motto, so the
    /// numeral must follow a word and 第一 must follow a ranking verb.
    func bareOrdinal(_ text: [Unicode.Scalar], _ i: Int, _ lower: Int, _ upper: Int) -> NumberMention? {
        guard i > lower, Self.isHan(text[i - 1]), !insideFixedWord(text, i, lower: lower, upper: upper),
              let n = ChineseNumeral.parse(text, from: i + 1, limit: upper), n.end > i + 1,
              !n.hasMultiplier, n.isInteger, n.value >= 1, n.value <= 100 else { return nil }
        if n.end < upper, Self.isHan(text[n.end]) || ChineseNumeral.arabicDigit(text[n.end]) != nil || Self.isAsciiLetter(text[n.end]) { return nil }
        if n.end < upper, text[n.end] == "." || text[n.end] == "-" { return nil }
        if n.value == 1 {
            // The ranking verb may govern a list (居全国第二、全省第一): look back to the clause break.
            var from = i
            while from > max(lower, i - 12), !"，。；！？,;".unicodeScalars.contains(text[from - 1]) { from -= 1 }
            let window = text.string(from..<i)  // rare: only bare 第一 gets here
            guard Self.rankWords.contains(where: { window.contains($0) }) else { return nil }
        }
        return NumberMention(range: i..<n.end, numtype: "ordinal", value: .number(n.value), unit: nil, unitClass: nil, qualifier: nil)
    }

    /// N级 as a grade: 国家/国际 before it, or a grade noun after it; a Chinese N类 as a class.
    func isGradeLabel(_ text: [Unicode.Scalar], _ s: Int, _ u: (end: Int, word: String, cls: UnitClass), _ lower: Int, _ upper: Int) -> Bool {
        // 一类、二类, 八类案件: Chinese-numeral classes are labels of a classification; 10类 counts.
        if u.word == "类" { return ChineseNumeral.digit(text[s]) != nil || text[s] == "十" }
        guard u.word == "级" else { return false }
        if s - 2 >= lower, matches(text, s - 2, s, "国家") || matches(text, s - 2, s, "国际") { return true }
        return Self.gradeNouns.contains { matches(text, u.end, upper, $0) }
    }

    /// 三年行动, 五年规划: a Chinese-numeral duration that names a programme.
    func isProgrammeName(_ text: [Unicode.Scalar], _ n: ParsedNumeral, _ u: (end: Int, word: String, cls: UnitClass), _ upper: Int) -> Bool {
        guard n.script == .chinese, u.word == "年" else { return false }
        return Self.programmeNouns.contains { matches(text, u.end, upper, $0) }
    }

    /// 家次, 户次, 辆次: a one-character classifier and 次 count visits; the end of the compound.
    func timesCompound(_ text: [Unicode.Scalar], _ u: (end: Int, word: String, cls: UnitClass), _ upper: Int) -> Int? {
        guard u.cls == .count, u.word.unicodeScalars.count == 1, u.word != "次", u.end < upper, text[u.end] == "次" else { return nil }
        if u.end + 1 < upper, Self.timesRunOns.contains(text[u.end + 1]) { return nil }
        return u.end + 1
    }

    /// A year, year range or page stamp: read even inside a quotation or book title.
    static func isCalendarYear(_ m: NumberMention) -> Bool {
        guard case .string(let v) = m.value else { return false }
        if m.numtype == "date" { return v.first?.isNumber == true && !v.contains("X") }
        return m.numtype == "range" && m.unit == "年" && v.count == 9
    }

    /// 去年8月, 今年3月, 明年1月: the year the month belongs to, from the document's year.
    func relativeYear(_ text: [Unicode.Scalar], _ s: Int, _ lower: Int, _ year: String?) -> String? {
        guard let y = year.flatMap({ Int($0) }), s - 2 >= lower, text[s - 1] == "年" else { return nil }
        switch text[s - 2] {
        case "去": return String(y - 1)
        case "今", "本": return String(y)
        case "明": return String(y + 1)
        case "前" where s - 3 < lower || !Self.isHan(text[s - 3]): return String(y - 2)
        default: return nil
        }
    }
}

extension NumbersStage {
    /// A day written alone (19日, 29日 in 6月25日至29日) takes its year and month from the last
    /// date before it that has a month, else from the document's date.
    static func resolveLoneDays(_ found: inout [(NumberMention, String?)], documentDate: String?) {
        var month: String? = documentDate.flatMap { $0.count >= 7 ? String($0.prefix(7)) : nil }
        for k in found.indices where found[k].0.numtype == "date" {
            guard case .string(let v) = found[k].0.value else { continue }
            if v.hasPrefix("---") {
                if let m = month { found[k].0.value = .string(m + "-" + v.dropFirst(3)) }
            } else if v.count >= 7, v.first?.isNumber == true || v.hasPrefix("--"), !v.hasPrefix("T") {
                month = String(v.prefix(v.hasPrefix("--") ? 4 : 7))
            }
        }
    }

    /// A number whose text, with the character before or after it, lies inside a name the
    /// document quotes (“水十条” … 水污染防治十条) is part of that name.
    static func dropQuotedNameParts(_ found: inout [(NumberMention, String?)], _ text: [Unicode.Scalar]) {
        guard !found.isEmpty else { return }
        // Only the few quoted names that hold a numeral matter; compared as scalars, no Strings.
        let names = quotedNames(text, 0, text.count).filter { r in
            r.count <= 17 && text[r].contains { ChineseNumeral.isChineseNumeralChar($0) || ChineseNumeral.arabicDigit($0) != nil }
        }
        guard !names.isEmpty else { return }
        func inName(_ a: Int, _ b: Int) -> Bool {
            guard a >= 0, b <= text.count else { return false }
            let needle = text[a..<b]
            return names.contains { n in
                n.count >= needle.count && (n.lowerBound...(n.upperBound - needle.count)).contains { k in text[k..<(k + needle.count)].elementsEqual(needle) }
            }
        }
        found.removeAll { m, _ in
            let r = m.range
            guard m.numtype != "date", r.count >= 2 else { return false }
            return inName(r.lowerBound - 1, r.upperBound) || inName(r.lowerBound, r.upperBound + 1)
        }
    }
}
