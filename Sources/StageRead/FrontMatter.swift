// Document metadata from a leading `---` … `---` block, in files with LF, CRLF or CR line
// endings; its date is checked against the calendar.
import Foundation
import ZhituCore

enum FrontMatter {
    /// What a front matter block gives: metadata, where the body starts, and a date value that
    /// is no calendar date (warned about and dropped by the stage).
    struct Result {
        var meta = DocumentMeta()
        var bodyStart = 0
        var badDate: String?
    }

    /// Metadata from a leading `---` … `---` block, and where the body starts.
    static func parse(_ text: [Unicode.Scalar]) -> Result {
        guard let firstVisible = text.firstIndex(where: { !$0.properties.isWhitespace }), text[firstVisible...].starts(with: "---".unicodeScalars) else {
            return Result()
        }
        let lines = Lines.ranges(text, from: 0, maxLines: 50)
        guard let first = lines.first(where: { !trimmed(text, $0.content).isEmpty }), trimmed(text, first.content) == "---" else { return Result() }
        var result = Result()
        for l in lines where l.content.lowerBound > first.content.lowerBound {
            let t = trimmed(text, l.content)
            if t == "---" { result.bodyStart = min(text.count, l.next); return result }
            guard let colon = t.firstIndex(of: ":") else { continue }
            let key = spacesTrimmed(t[..<colon]).lowercased()
            let value = unquoted(spacesTrimmed(t[t.index(after: colon)...]))
            switch key {
            case "date":
                if let iso = Dates.iso(value) { result.meta.date = iso }
                else if Dates.looksLikeDate(value) { result.badDate = value }
                else if !value.isEmpty { result.meta.date = value }
            case "title": result.meta.title = value.isEmpty ? nil : value
            case "source": result.meta.source = value.isEmpty ? nil : value
            default: break
            }
        }
        return Result()   // no closing line: not front matter
    }

    /// The line without white space at either end (Foundation's `whitespacesAndNewlines` is
    /// Unicode's White_Space), trimmed on the scalars: bridging each line to NSString to trim
    /// it cost more than the rest of the stage.
    static func trimmed(_ text: [Unicode.Scalar], _ r: Range<Int>) -> String {
        var a = r.lowerBound, b = r.upperBound
        while a < b, text[a].properties.isWhitespace { a += 1 }
        while b > a, text[b - 1].properties.isWhitespace { b -= 1 }
        return String(scalars: text[a..<b])
    }

    /// `s` without spaces and tabs at either end (Foundation's `whitespaces`: general category
    /// Zs and U+0009).
    static func spacesTrimmed(_ s: Substring) -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let u = s.unicodeScalars
        guard let a = u.firstIndex(where: { !isSpace($0) }) else { return "" }
        let b = u.lastIndex(where: { !isSpace($0) })!
        return String(Substring(u[a...b]))
    }

    /// A value in matching quotes loses them (`"标题"` → 标题); a quote that belongs to the text
    /// stays (`他说"好"`).
    static func unquoted(_ v: String) -> String {
        guard v.count >= 2, let f = v.first, let l = v.last, f == l, f == "\"" || f == "'" else { return v }
        return String(v.dropFirst().dropLast())
    }
}

/// Line ranges that end at LF, CRLF or CR.
enum Lines {
    /// Up to `maxLines` lines from `start`: `content` without the line break, `next` where the
    /// following line starts.
    static func ranges(_ text: [Unicode.Scalar], from start: Int, maxLines: Int) -> [(content: Range<Int>, next: Int)] {
        var out: [(Range<Int>, Int)] = []
        var s = start, i = start
        while i < text.count, out.count < maxLines {
            let u = text[i]
            if u == "\n" || u == "\r" {
                let next = u == "\r" && i + 1 < text.count && text[i + 1] == "\n" ? i + 2 : i + 1
                out.append((s..<i, next))
                s = next; i = next
                continue
            }
            i += 1
        }
        if s < text.count, out.count < maxLines { out.append((s..<text.count, text.count)) }
        return out
    }
}
