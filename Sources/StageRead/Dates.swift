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
        if f.count == 1 { return String(format: "%04d", f[0]) }
        guard (1...12).contains(f[1]) else { return nil }
        if f.count == 2 { return String(format: "%04d-%02d", f[0], f[1]) }
        guard isValid(year: f[0], month: f[1], day: f[2]) else { return nil }
        return String(format: "%04d-%02d-%02d", f[0], f[1], f[2])
    }

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

    /// The date the text gives for itself: after a label in the first 60 lines, else the
    /// first full date in the header (the first 8 lines), else a dateline (…日电) in the first 20.
    static func fromText(_ text: [Unicode.Scalar], from start: Int) -> String? {
        let lines = Lines.ranges(text, from: start, maxLines: 60).filter { r in text[r.content].contains { !$0.properties.isWhitespace } }
        for l in lines {
            let line = String(scalars: text[l.content])
            for label in labels {
                guard let r = line.range(of: label) else { continue }
                let rest = line[r.upperBound...].drop { $0 == ":" || $0 == "：" || $0 == " " || $0 == "\u{3000}" }
                if let d = firstDate(Array(rest.unicodeScalars), dateline: false), rest.unicodeScalars.prefix(2).contains(where: \.isASCIIDigit) { return d }
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
                return String(format: "%04d-%02d-%02d", fields[0], fields[1], fields[2])
            }
            while i < line.count, line[i].isASCIIDigit { i += 1 }
        }
        return nil
    }

    /// The date in a file's path: folders `2024/01/29` or `2024/01`, or a name holding
    /// `20240129`, `2024-01-29` or a lone year (`gov-work-report-2015.txt` → 2015).
    static func fromPath(_ path: String) -> String? {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let folders = (path as NSString).deletingLastPathComponent
        let patterns: [(String, String)] = [
            (#"(?<![0-9])((?:19|20)[0-9]{2})[-_.]?([0-9]{2})[-_.]?([0-9]{2})(?![0-9])"#, name),
            (#"(?<![0-9])((?:19|20)[0-9]{2})/([0-9]{1,2})/([0-9]{1,2})(?![0-9])"#, folders + "/" + name),
            (#"(?<![0-9])((?:19|20)[0-9]{2})[-/]([0-9]{2})(?![0-9])"#, folders + "/" + name),
            (#"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])"#, name),
        ]
        for (pattern, subject) in patterns {
            guard let re = try? NSRegularExpression(pattern: pattern) else { continue }
            let ns = subject as NSString
            for m in re.matches(in: subject, range: NSRange(location: 0, length: ns.length)) {
                let parts = (1..<m.numberOfRanges).map { ns.substring(with: m.range(at: $0)) }
                if let d = iso(parts.joined(separator: "-")) { return d }
            }
        }
        return nil
    }
}
