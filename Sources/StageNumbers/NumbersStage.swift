// The `numbers` stage: every stated amount — quantities, percentages, money, dates, ordinals
// and ranges — with its value, unit, qualifier and subject (ANNOTATION.md §3).
import Foundation
import ZhituCore

public struct NumbersStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "numbers", version: "1.0",
        summary: "Numbers: quantities, percentages, money, dates, ordinals and ranges with value, unit, qualifier and subject.",
        requires: [.tokens], produces: [.numbers],
        options: [
            OptionSpec("units", .strings, default: .strings([]), help: "Extra unit lexicons (word<TAB>class: count, measure, money, percent, time, age)."),
            OptionSpec("fixed_words", .strings, default: .strings([]), help: "Extra lexicons of fixed words whose numerals state no amount."),
            OptionSpec("relative_years", .bool, default: .bool(false),
                       help: "Also record 今年/去年/明年/前年 as dates when the document's date gives the year (the gold guide counts only numerals)."),
        ])

    let scanner: NumberScanner
    let relativeYears: Bool

    public init(options: StageOptions, context: StageContext) throws {
        func resource(_ name: String) throws -> Lexicon {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources") else {
                throw LexiconError(file: "StageNumbers/Resources/\(name).txt", line: nil, message: "missing from the build; reinstall zhitu")
            }
            return try Lexicon(contentsOf: url)
        }
        var units = try resource("units")
        for p in options.strings("units") {
            let url = context.resolve(p)
            let extra = try Lexicon(contentsOf: url)
            try Self.checkUnitClasses(extra, url)
            units.entries += extra.entries
        }
        var fixed = try resource("fixed")
        for p in options.strings("fixed_words") { fixed.entries += try Lexicon(contentsOf: context.resolve(p)).entries }
        scanner = try NumberScanner(units: units, fixed: fixed)
        relativeYears = options.bool("relative_years")
    }

    /// Every entry of a units lexicon needs a known class; the error names file:line.
    static func checkUnitClasses(_ lexicon: Lexicon, _ url: URL) throws {
        for e in lexicon.entries where UnitClass(rawValue: e.tag) == nil {
            let lines = (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            let line = lines.firstIndex { $0.split(separator: "\t").first.map(String.init) == e.word }.map { $0 + 1 }
            throw LexiconError(file: url.path, line: line,
                               message: "unit \"\(e.word)\" needs a class after a tab: count, measure, money, percent, time or age")
        }
    }

    /// A scanner with the built-in lexicons (tests, tools).
    public static func builtinScanner() throws -> NumberScanner {
        try NumbersStage(options: StageOptions(specs: descriptor.options), context: StageContext(baseDirectory: URL(fileURLWithPath: "."), instanceName: "numbers", optionsPath: "")).scanner
    }

    public func process(_ doc: inout Document) throws {
        let year: String? = doc.meta.date.flatMap { $0.count >= 4 ? String($0.prefix(4)) : nil }
        var found: [(NumberMention, String?)] = []
        for sentence in doc.sentences where sentence.kind != .furniture {
            let excluded = Self.quotedNames(doc.text, sentence.start, sentence.end)
            var previousEnd: Int? = nil
            for var m in scanner.scan(doc.text, sentence.start, sentence.end, year: year, excluded: excluded) {
                if let ns = m.nounUnitStart, let end = Self.nounEnd(doc, ns, m.range.upperBound) {
                    m.range = m.range.lowerBound..<end
                    m.unit = doc.string(ns..<end)
                }
                var subject = SubjectAttacher.subject(doc, m, sentence.start, sentence.end, floor: previousEnd)
                // 同比增长6.5%: a bare growth figure measures the indicator named before it in the sentence.
                if subject == nil, m.numtype == "percent", let last = found.last, last.0.range.lowerBound >= sentence.start,
                   m.range.lowerBound - last.0.range.upperBound <= 8 {
                    subject = last.1
                }
                found.append((m, subject))
                previousEnd = m.range.upperBound
            }
        }
        Self.resolveLoneDays(&found, documentDate: doc.meta.date)
        Self.dropQuotedNameParts(&found, doc.text)
        if relativeYears, let y = year.flatMap({ Int($0) }) {
            found += Self.relativeYearMentions(doc.text, year: y).map { ($0, nil) }
            found.sort { $0.0.range.lowerBound < $1.0.range.lowerBound }
        }
        for (m, subject) in found {
            doc.annotate(.number, m.range) {
                $0.numtype = m.numtype
                $0.value = m.value
                $0.unit = m.unit
                $0.qualifier = m.qualifier
                $0.subject = subject
            }
        }
    }

    /// Verbs that end the noun of N大 + noun (十大城市开展 → 城市).
    static let verbs: Set<String> = ["开展", "建设", "实施", "推进", "召开", "举办", "进行", "加快", "完成", "实现", "提升", "取得", "发展", "形成", "成为", "履行", "推动", "发挥", "带来", "面临", "取得了", "提出", "作出", "构成"]

    /// N大 + noun: the noun ends at a word boundary, after whole words of two or more characters
    /// (六大领域碳达峰行动 → 领域), or nil when the segmenter gives no such word.
    static func nounEnd(_ doc: Document, _ start: Int, _ limit: Int) -> Int? {
        guard let si = doc.sentenceIndex(at: start) else { return nil }
        var end = start
        var words = 0
        for t in doc.tokens(inSentence: si) where Int(t.start) >= start {
            guard Int(t.start) == end, t.isWord, Int(t.end) <= limit, words < 2, words == 0 || t.end - t.start >= 2 else { break }
            if words == 0, t.end - t.start == 1 { end = Int(t.end); break }  // 五大山: a one-character noun
            if words > 0, verbs.contains(doc.string(t.range)) { break }
            end = Int(t.end)
            words += 1
        }
        return end > start ? end : nil
    }

    /// 今年/去年/明年/前年/后年 resolved against the document's year.
    static func relativeYearMentions(_ text: [Unicode.Scalar], year: Int) -> [NumberMention] {
        var out: [NumberMention] = []
        var i = 0
        while i + 1 < text.count {
            if text[i + 1] == "年" {
                let offset: Int?
                switch text[i] {
                case "今": offset = 0
                case "去": offset = -1
                case "明": offset = 1
                case "前": offset = -2
                case "后": offset = 2
                default: offset = nil
                }
                // 前年/后年 only on their own (not 以前年度, 此后年均)
                if let o = offset, abs(o) < 2 || i == 0 || !SubjectAttacher.isHan(text[i - 1]) {
                    out.append(NumberMention(range: i..<(i + 2), numtype: "date", value: .string(String(year + o)), unit: nil,
                                             unitClass: nil, qualifier: nil))
                    i += 2
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// Short quotations and book titles: slogans and names whose numerals state no amount
    /// (“十个一”, ‘15分钟政务服务圈’, 《…》).
    static func quotedNames(_ text: [Unicode.Scalar], _ lower: Int, _ upper: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var open: [(Unicode.Scalar, Int)] = []  // allocates only when the sentence has quotes
        for i in lower..<upper {
            let u = text[i]
            let o: Unicode.Scalar
            switch u {
            case "“", "‘", "「", "『", "《": open.append((u, i)); continue
            case "”": o = "“"
            case "’": o = "‘"
            case "」": o = "「"
            case "』": o = "『"
            case "》": o = "《"
            case "\"":
                if open.contains(where: { $0.0 == "\"" }) { o = "\"" } else { open.append((u, i)); continue }
            default: continue
            }
            guard let idx = open.lastIndex(where: { $0.0 == o }) else { continue }
            let start = open[idx].1
            open.removeSubrange(idx...)
            if u == "》" || i - start - 1 <= 15 { out.append(start..<(i + 1)) }
        }
        return out
    }
}
