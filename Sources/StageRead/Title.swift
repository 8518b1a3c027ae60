// The headline of an article without front matter: the first heading-like line that is not
// page furniture (navigation, mastheads, source and date lines, bylines), a section number
// (一、…) or a salutation (各位代表：), with its subtitle when one follows (——在…上的报告).
import ZhituCore

enum Title {
    /// Words of web-page navigation and furniture: a line holding one is no headline.
    static let furnitureWords = ["正文", "首页", "位置", "当前", "欢迎", "链接", "编者按", "来源", "主办", "承办", "作者", "字号", "字体",
                                 "http", "www", "星期", "责任编辑", "访问次数", "分享", "打印", "关闭窗口", "发布会现场"]
    /// Masthead and section words: 两会特刊·美丽图景 names the page, not the article.
    static let mastheadWords = ["特刊", "专刊", "专版", "专栏", "频道", "栏目", "导读", "要闻"]
    static let bylinePrefixes = ["本报记者", "本报通讯员", "记者", "通讯员", "文/", "图/", "文／", "图／", "特约记者", "新华社记者"]
    static let stops = Set("。，！？；：.!?:".unicodeScalars)
    static let furnitureScalars = furnitureWords.map { Array($0.unicodeScalars) }
    static let mastheadScalars = mastheadWords.map { Array($0.unicodeScalars) }
    static let chineseDigits = Set("一二三四五六七八九十".unicodeScalars)

    /// The headline from the first 40 lines after `start`, or nil.
    static func headline(_ text: [Unicode.Scalar], from start: Int) -> String? {
        let lines = Lines.ranges(text, from: start, maxLines: 40).map { trim(text, $0.content) }.filter { !$0.isEmpty }
        // A Markdown heading is the author's own mark: the first usable one wins over plain lines.
        let marked = lines.indices.filter { text[lines[$0].lowerBound] == "#" }
        // The headline comes before the body: plain lines after the first paragraph or
        // salutation (同志们！, 各位代表：) are section headings.
        let bodyStart = lines.firstIndex { isBody(text, $0) } ?? lines.count
        for k in marked + lines.indices.filter({ !marked.contains($0) && $0 < bodyStart }) {
            let line = lines[k]
            guard let title = candidate(text, line) else { continue }
            // A subtitle opened by a dash, within the next three lines, belongs to the title;
            // the lines between it and the title continue the title.
            var parts = [title]
            for next in lines.dropFirst(k + 1).prefix(3) {
                let s = String(scalars: text[next])
                if s.hasPrefix("—"), !mastheadScalars.contains(where: { Scalars.contains(text[next], $0) }) {
                    return parts.joined(separator: " ") + s
                }
                guard text[next.lowerBound] != "#", let more = candidate(text, next) else { break }
                parts.append(more)
            }
            return title
        }
        return nil
    }

    static func trim(_ text: [Unicode.Scalar], _ r: Range<Int>) -> Range<Int> {
        var a = r.lowerBound, b = r.upperBound
        while a < b, text[a].properties.isWhitespace { a += 1 }
        while b > a, text[b - 1].properties.isWhitespace { b -= 1 }
        return a..<b
    }

    /// The line as a headline (Markdown marks removed), or nil when it cannot be one.
    static func candidate(_ text: [Unicode.Scalar], _ r: Range<Int>) -> String? {
        var a = r.lowerBound
        let b = r.upperBound
        while a < b, text[a] == "#" { a += 1 }
        while a < b, text[a].properties.isWhitespace { a += 1 }
        let line = text[a..<b]
        guard line.count >= 4, line.count <= 60, !line.contains(where: stops.contains) else { return nil }
        // a headline has words: at least half its characters are ideographs
        guard line.filter({ $0.properties.isIdeographic }).count * 2 >= line.count else { return nil }
        // a navigation bar: many short items between spaces (日 报周 报杂 志 人民网)
        let items = line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" })
        if items.count > 3 || (items.count > 1 && items.map(\.count).reduce(0, +) < 3 * items.count) { return nil }
        if furnitureScalars.contains(where: { Scalars.contains(line, $0) }) || mastheadScalars.contains(where: { Scalars.contains(line, $0) }) { return nil }
        let s = String(scalars: line)
        if bylinePrefixes.contains(where: s.hasPrefix) || s.hasSuffix("摄") || s.hasSuffix("供图") { return nil }
        if Dates.firstDate(Array(line), dateline: false) != nil { return nil }
        if isSectionNumber(line) { return nil }
        return s
    }

    /// A paragraph of running text or a salutation, not page furniture.
    static func isBody(_ text: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        let line = text[r]
        guard text[r.lowerBound] != "#", line.contains(where: stops.contains) else { return false }
        if furnitureScalars.contains(where: { Scalars.contains(line, $0) }) || Dates.firstDate(Array(line), dateline: false) != nil { return false }
        return line.count > 12 || "：！:!".unicodeScalars.contains(line.last!)
    }

    /// 一、…, （一）…, 1. …, 第一章 / 第一部分: a section of the document.
    static func isSectionNumber(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = line.startIndex
        if line[i] == "（" || line[i] == "(" {
            i += 1
            while i < line.endIndex, chineseDigits.contains(line[i]) || line[i].isASCIIDigit { i += 1 }
            return i > line.startIndex + 1 && i < line.endIndex && (line[i] == "）" || line[i] == ")")
        }
        if line[i] == "第" {
            var k = i + 1
            while k < line.endIndex, chineseDigits.contains(line[k]) || line[k].isASCIIDigit { k += 1 }
            if k > i + 1, k < line.endIndex, "章节部篇编条".unicodeScalars.contains(line[k]) { return true }
        }
        while i < line.endIndex, chineseDigits.contains(line[i]) || line[i].isASCIIDigit { i += 1 }
        return i > line.startIndex && i < line.endIndex && "、.．".unicodeScalars.contains(line[i])
    }
}
