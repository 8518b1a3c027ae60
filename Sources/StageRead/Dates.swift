// A document's date when front matter gives none: a labelled or header date in the text
// (发布时间：2025-01-12, 2018-08-26 12:07:16 来源, 2024年1月29日电), else the file's folders or
// name (2024/01/29/…, …20240129…, …-2015.txt). Every date is checked against the calendar.
import Foundation
import ZhituCore

enum Dates {
    /// `2024年1月29日`, `2024-01-29`, `2024/1/29`, `2024.1.29` (a time after it is ignored),
    /// `2024-01`, `2024` → ISO; nil when it is not a calendar date.
    static func iso(_ s: String) -> String? {
        let head = s.split(whereSeparator: { $0 == " " || $0 == "T" || $0 == "\t" }).first.map(String.init) ?? s
        guard head.unicodeScalars.allSatisfy({ $0.isASCIIDigit || "年月日-/.".unicodeScalars.contains($0) }) else { return nil }
        let parts = head.split(whereSeparator: { "年月日-/.".contains($0) }).map(String.init)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ (1...2).contains($0.count) }) else { return nil }
        let f = parts.compactMap { Int($0) }
        guard f.count == parts.count, (1000...2999).contains(f[0]) else { return nil }
        if f.count == 1 { return String(f[0]) }
        guard (1...12).contains(f[1]) else { return nil }
        if f.count == 2 { return String(f[0]) + "-" + twoDigits(f[1]) }
        guard isValid(year: f[0], month: f[1], day: f[2]) else { return nil }
        return isoDay(f[0], f[1], f[2])
    }

    /// `yyyy-mm-dd` of a four-digit year and a valid month and day. Not String(format:):
    /// Foundation's formatter cost more than finding the date.
    static func isoDay(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(year) + "-" + twoDigits(month) + "-" + twoDigits(day)
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// Shaped like a date (four digits, a separator, digits) whether or not the calendar has it.
    static func looksLikeDate(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.count >= 6, u[0..<4].allSatisfy(\.isASCIIDigit), "年-/.".unicodeScalars.contains(u[4]) else { return false }
        return u[5].isASCIIDigit
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Labels of a publication date on a web page or in a document header.
    static let labels = ["发布时间", "发布日期", "发表时间", "更新时间", "日期", "时间"]
    static let labelScalars = labels.map { Array($0.unicodeScalars) }

    /// The date the text gives for itself: after a label in the first 60 lines, else the
    /// first full date in the header (the first 8 lines), else a dateline (…日电) in the first 20.
    static func fromText(_ text: [Unicode.Scalar], from start: Int) -> String? {
        let lines = Lines.ranges(text, from: start, maxLines: 60).filter { r in text[r.content].contains { !$0.properties.isWhitespace } }
        // a line holds a date only if it holds a digit: most lines are skipped at once
        guard lines.contains(where: { text[$0.content].contains(where: \.isASCIIDigit) }) else { return nil }
        for l in lines {
            let line = text[l.content]
            for label in labelScalars {
                guard let end = Scalars.end(of: label, in: line) else { continue }
                let rest = line[end...].drop { $0 == ":" || $0 == "：" || $0 == " " || $0 == "\u{3000}" }
                if rest.prefix(2).contains(where: \.isASCIIDigit), let d = firstDate(Array(rest), dateline: false) { return d }
            }
        }
        for l in lines.prefix(8) { if let d = firstDate(Array(text[l.content]), dateline: false) { return d } }
        for l in lines.prefix(20) { if let d = firstDate(Array(text[l.content]), dateline: true) { return d } }
        return nil
    }

    /// The first valid full date in `line` (`2024年1月29日`, `2024-01-29`, `2024/1/29`); with
    /// `dateline`, only one followed by 电 (a news agency's dateline).
    static func firstDate(_ line: [Unicode.Scalar], dateline: Bool) -> String? {
        var i = 0
        while i < line.count {
            guard line[i].isASCIIDigit, i == 0 || !line[i - 1].isASCIIDigit else { i += 1; continue }
            var j = i
            var fields: [Int] = []
            var seps: [Unicode.Scalar] = []
            while j < line.count, fields.count < 3 {
                var k = j, v = 0
                while k < line.count, line[k].isASCIIDigit, k - j < 4 { v = v * 10 + Int(line[k].value - 48); k += 1 }
                if k == j { break }
                fields.append(v)
                guard k < line.count else { break }
                seps.append(line[k])
                j = k + 1
            }
            let chinese = seps.count == 3 && seps[0] == "年" && seps[1] == "月" && (seps[2] == "日" || seps[2] == "号")
            let dashed = seps.count >= 2 && seps[0] == seps[1] && (seps[0] == "-" || seps[0] == "/" || seps[0] == ".")
            if fields.count == 3, (1900...2100).contains(fields[0]), chinese || dashed,
               isValid(year: fields[0], month: fields[1], day: fields[2]),
               !dateline || (chinese && j < line.count && line[j] == "电") {
                return isoDay(fields[0], fields[1], fields[2])
            }
            while i < line.count, line[i].isASCIIDigit { i += 1 }
        }
        return nil
    }

    /// The date in a file's path: a name holding `20240129` or `2024-01-29`, folders
    /// `2024/01/29` or `2024/01` (or `2024-01`), or a lone year in the name
    /// (`gov-work-report-2015.txt` → 2015). Scanned by hand: this runs once per document.
    static func fromPath(_ path: String) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        guard let file = parts.last else { return nil }
        let name = (file as NSString).deletingPathExtension
        let runs = digitRuns(name)
        // 20240129, or 2024-01-29 / 2024_01_29 / 2024.01.29
        for (k, r) in runs.enumerated() {
            if r.digits.count == 8, let d = iso("\(r.digits.prefix(4))-\(r.digits.dropFirst(4).prefix(2))-\(r.digits.suffix(2))") { return d }
            if r.digits.count == 4, k + 2 < runs.count, runs[k + 1].digits.count == 2, runs[k + 2].digits.count == 2,
               runs[k + 1].gapBefore == 1, runs[k + 2].gapBefore == 1,
               let d = iso("\(r.digits)-\(runs[k + 1].digits)-\(runs[k + 2].digits)") { return d }
        }
        let folders = Array(parts.dropLast())
        for k in folders.indices where folders[k].count == 4 && folders[k].allSatisfy(\.isASCII) && Int(folders[k]) != nil {
            let m = k + 1 < folders.count ? folders[k + 1] : nil
            let d = k + 2 < folders.count ? folders[k + 2] : nil
            if let m, let d, let v = iso("\(folders[k])-\(m)-\(d)") { return v }
            if let m, let v = iso("\(folders[k])-\(m)"), v.count == 7 { return v }
        }
        for f in folders { if f.count == 7, let v = iso(f), v.count == 7 { return v } }
        for r in runs where r.digits.count == 4 { if let y = Int(r.digits), (1900...2100).contains(y) { return r.digits } }
        return nil
    }

    /// Maximal runs of ASCII digits in `s`, with the number of characters since the previous run.
    static func digitRuns(_ s: String) -> [(digits: String, gapBefore: Int)] {
        var out: [(String, Int)] = []
        var run = "", gap = 0
        for c in s {
            if c.isASCII, c.isNumber { run.append(c) }
            else {
                if !run.isEmpty { out.append((run, gap)); run = ""; gap = 0 }
                gap += 1
            }
        }
        if !run.isEmpty { out.append((run, gap)) }
        return out
    }
}

/// Word search over scalars (no Strings in the per-document path).
enum Scalars {
    /// Where the first `word` in `line` ends, or nil.
    static func end(of word: [Unicode.Scalar], in line: ArraySlice<Unicode.Scalar>) -> Int? {
        guard let first = word.first, line.count >= word.count else { return nil }
        var i = line.startIndex
        while i + word.count <= line.endIndex {
            if line[i] == first, line[i..<(i + word.count)].elementsEqual(word) { return i + word.count }
            i += 1
        }
        return nil
    }

    static func contains(_ line: ArraySlice<Unicode.Scalar>, _ word: [Unicode.Scalar]) -> Bool { end(of: word, in: line) != nil }
}
