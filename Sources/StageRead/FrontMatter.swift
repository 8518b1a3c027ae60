// Document metadata: a `---` front matter block, or the first date and heading in the text.
import Foundation
import ZhituCore

enum FrontMatter {
    /// Metadata from a leading `---` … `---` block, and where the body starts.
    static func parse(_ text: [Unicode.Scalar]) -> (DocumentMeta, Int) {
        guard let firstVisible = text.firstIndex(where: { !$0.properties.isWhitespace }), text[firstVisible...].starts(with: "---".unicodeScalars) else {
            return (DocumentMeta(), 0)
        }
        let lines = splitLines(text, from: 0, maxLines: 50)
        var meta = DocumentMeta()
        guard let first = lines.first(where: { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }),
              first.text.trimmingCharacters(in: .whitespaces) == "---" else { return (meta, 0) }
        for l in lines where l.start > first.start {
            let t = l.text.trimmingCharacters(in: .whitespaces)
            if t == "---" { return (meta, min(text.count, l.end + 1)) }
            guard let colon = t.firstIndex(of: ":") else { continue }
            let key = t[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            switch key {
            case "date": meta.date = isoDate(value) ?? value
            case "title": meta.title = value
            case "source": meta.source = value
            default: break
            }
        }
        return (DocumentMeta(), 0)   // no closing line: not front matter
    }

    /// `2024年1月29日`, `2024-01-29`, `2024/1/29`, `2024.1.29` → `2024-01-29`.
    static func isoDate(_ s: String) -> String? {
        let parts = s.split(whereSeparator: { "年月日-/. ".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 3, (1000...2999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])
    }

    /// The first full date in the text: `2024年1月29日`, or `发布时间:2025-01-12`.
    static func firstDate(in text: [Unicode.Scalar], from start: Int) -> String? {
        var i = start
        while i < text.count {
            guard text[i].isASCIIDigit else { i += 1; continue }
            var j = i
            var fields: [Int] = []
            var seps: [Unicode.Scalar] = []
            while j < text.count, fields.count < 3 {
                var k = j
                var v = 0
                while k < text.count, text[k].isASCIIDigit, k - j < 4 { v = v * 10 + Int(text[k].value - 48); k += 1 }
                if k == j { break }
                fields.append(v)
                guard k < text.count else { break }
                seps.append(text[k])
                j = k + 1
            }
            if fields.count == 3, (1900...2100).contains(fields[0]), (1...12).contains(fields[1]), (1...31).contains(fields[2]),
               (seps.starts(with: ["年", "月"]) && seps.count == 3 && seps[2] == "日") || (seps[0] == "-" && seps[1] == "-") {
                return String(format: "%04d-%02d-%02d", fields[0], fields[1], fields[2])
            }
            // skip past this run of digits
            while i < text.count, text[i].isASCIIDigit { i += 1 }
        }
        return nil
    }

    /// The first Markdown heading, or else the first short line that does not end a sentence.
    static func firstHeading(in text: [Unicode.Scalar], from start: Int) -> String? {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let stops = Set("。，！？；：.!?".unicodeScalars)
        var short: Range<Int>?
        var lineStart = start, lines = 0
        // the first 60 lines, as scalar ranges: only the chosen one becomes a String
        for i in start...text.count where i == text.count || text[i] == "\n" {
            if lines == 60 { break }
            lines += 1
            var a = lineStart, b = i
            lineStart = i + 1
            while a < b && isSpace(text[a]) { a += 1 }
            while b > a && isSpace(text[b - 1]) { b -= 1 }
            if a == b { continue }
            if text[a] == "#" {
                while a < b && text[a] == "#" { a += 1 }
                while a < b && isSpace(text[a]) { a += 1 }
                return text.string(a..<b)
            }
            if short == nil && text.string(a..<b).count <= 40 && !text[a..<b].contains(where: stops.contains) { short = a..<b }
        }
        return short.map { text.string($0) }
    }

    /// The first `maxLines` lines from `start`.
    static func splitLines(_ text: [Unicode.Scalar], from start: Int, maxLines: Int) -> [(start: Int, end: Int, text: String)] {
        var out: [(Int, Int, String)] = []
        var s = start
        for i in start...text.count where i == text.count || text[i] == "\n" {
            if out.count == maxLines { break }
            out.append((s, i, String(scalars: text[s..<i])))
            s = i + 1
        }
        return out
    }
}
