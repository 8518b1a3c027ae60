// The normalisation pass over one document's text, producing text, offsets and blocks.
import ZhituCore

struct Normalizer {
    let source: [Unicode.Scalar]
    let sourceOffsets: [Int32]
    let kinds: LineKinds
    let joinRatio: Double
    /// Traditional → simplified table, when the document is written in traditional characters.
    let simplify: [UInt16]?

    var text: [Unicode.Scalar] = []
    var offsets: [Int32] = []
    var blocks: [Block] = []

    init(source: [Unicode.Scalar], sourceOffsets: [Int32], kinds: LineKinds, joinRatio: Double, simplify: [UInt16]? = nil) {
        self.simplify = simplify
        self.source = source
        self.sourceOffsets = sourceOffsets
        self.kinds = kinds
        self.joinRatio = joinRatio
        text.reserveCapacity(source.count)
        offsets.reserveCapacity(source.count)
    }

    struct Line { var start: Int; var end: Int; var kind: Block.Kind; var blanksBefore: Int }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\t" || u == "\r" || u == "\u{3000}" || u == "\u{A0}" || u == "\u{FEFF}"
    }

    /// Non-blank lines, trimmed, with their kind and how many blank lines precede them.
    func lines() -> [Line] {
        var out: [Line] = []
        var blanks = 0
        var s = 0
        // LF, CRLF and lone CR (old Mac files) all end a line; the CR of a CRLF is trimmed as space.
        for i in 0...source.count where i == source.count || source[i] == "\n" || (source[i] == "\r" && (i + 1 == source.count || source[i + 1] != "\n")) {
            var a = s, b = i
            while a < b, Normalizer.isSpace(source[a]) { a += 1 }
            while b > a, Normalizer.isSpace(source[b - 1]) { b -= 1 }
            if a == b { blanks += 1 } else {
                // A traditional line is classified in simplified characters (記者 → 记者, 攝 → 摄).
                var kind = simplify.map { t in kinds.kind(ArraySlice(source[a..<b].map { TraditionalMap.simplified($0, t) })) } ?? kinds.kind(source[a..<b])
                if kind == .heading { while a < b, source[a] == "#" || Normalizer.isSpace(source[a]) { a += 1 } }
                if a == b { kind = .body }
                out.append(Line(start: a, end: b, kind: kind, blanksBefore: blanks))
                blanks = 0
            }
            s = i + 1
        }
        return out
    }

    static let clausePunctuation = Set("，、：；,;:".unicodeScalars)

    mutating func run() {
        let ls = lines()
        // A PDF page breaks lines at the column width, with the same gap between lines: a line
        // that does not end a sentence joins the next one when it is about as long as the
        // document's typical line (or has clause punctuation) and the gap is the usual one.
        let body = ls.filter { $0.kind == .body }
        let lengths = body.map { $0.end - $0.start }.sorted()
        let median = lengths.isEmpty ? 0 : lengths[lengths.count / 2]
        var gaps: [Int: Int] = [:]
        for l in body.dropFirst() { gaps[l.blanksBefore, default: 0] += 1 }
        let usualGap = gaps.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 1
        var blockStart = 0
        var blockKind = ls.first?.kind ?? .body
        for (i, line) in ls.enumerated() {
            emit(line)
            guard i + 1 < ls.count else { break }
            let next = ls[i + 1]
            let content = source[line.start..<line.end]
            let join = line.kind == .body && next.kind == .body && next.blanksBefore <= usualGap
                && !LineKinds.endsSentence(content)
                && (Double(content.count) >= joinRatio * Double(median) || content.contains(where: Normalizer.clausePunctuation.contains))
            if !join {
                blocks.append(Block(start: blockStart, end: text.count, kind: blockKind))
                append("\n", at: line.end)   // the newline after the line
                blockStart = text.count
                blockKind = next.kind
            }
        }
        if text.count > blockStart { blocks.append(Block(start: blockStart, end: text.count, kind: blockKind)) }
    }

    mutating func append(_ u: Unicode.Scalar, at sourceIndex: Int) {
        text.append(u)
        offsets.append(sourceIndex < sourceOffsets.count ? sourceOffsets[sourceIndex] : (sourceOffsets.last ?? -1) + 1)
    }

    /// Emits one trimmed line: full-width letters and digits folded; a whitespace gap between
    /// two ideograph runs of at most two characters each (`罗 璐`, `欧阳 娜娜`) removed; any
    /// other whitespace gap kept as one space.
    mutating func emit(_ line: Line) {
        var i = line.start
        var runStart = line.start
        while i < line.end {
            let u = source[i]
            if Normalizer.isSpace(u) {
                var j = i
                while j < line.end, Normalizer.isSpace(source[j]) { j += 1 }
                var k = j
                while k < line.end, !Normalizer.isSpace(source[k]) { k += 1 }
                let left = source[runStart..<i], right = source[j..<k]
                let nameParts = left.count <= 2 && right.count <= 2 && left.allSatisfy(\.isIdeograph) && right.allSatisfy(\.isIdeograph)
                if !nameParts { append(" ", at: i) }
                i = j
                runStart = j
                continue
            }
            if let t = simplify { append(TraditionalMap.simplified(Normalizer.fold(u), t), at: i) } else { append(Normalizer.fold(u), at: i) }
            i += 1
        }
    }

    /// Full-width ASCII letters and digits → ASCII.
    static func fold(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let v = u.value
        if (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v) || (0xFF41...0xFF5A).contains(v) {
            return Unicode.Scalar(v - 0xFEE0)!
        }
        return u
    }
}
