// Long articles in windows. A document in the stages costs about 20 bytes per byte of text
// (scalars, normalised text, offset map, tokens, tagger state), so one 40 MB article would need
// most of a gigabyte. An article longer than `Pipeline.windowBytes` therefore goes through the
// stages one window at a time, cut at paragraph breaks, and the windows' records are merged into
// one result with offsets and sentence indices of the whole file: outputs and `zhitu eval` see
// one document. The stages are not changed; they see each window as a document, so decisions a
// stage takes per document (a term's frequency, an alias resolved within the document) are taken
// per window. Metadata (date, title, source) comes from the first window, where front matter is.
import Foundation

extension Pipeline {
    /// Articles longer than this many bytes are processed in windows of at most about this size.
    public static let windowBytes = 1 << 20

    /// Where to cut `bytes` into windows of at most `size` bytes: after a blank line in the
    /// second half of the window, else after its last line break; a window with no line break
    /// at all runs on to the next one (or the end of the file). No window but the first starts
    /// (after white space) with `---`, which the `read` stage would take for front matter.
    static func windows(_ bytes: [UInt8], size: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while bytes.count - start > size {
            let cut = cutPoint(bytes, from: start, size: size)
            out.append(start..<cut)
            start = cut
        }
        if start < bytes.count || out.isEmpty { out.append(start..<bytes.count) }
        return out
    }

    private static func cutPoint(_ b: [UInt8], from start: Int, size: Int) -> Int {
        let half = start + size / 2
        var lastBreak: Int?
        var i = start + size - 1
        while i > start, i >= half || lastBreak == nil {
            if b[i] == 0x0A, startsCleanly(b, at: i + 1) {
                if i >= half, endsBlankLine(b, at: i, after: start) { return i + 1 }
                if lastBreak == nil { lastBreak = i + 1 }
            }
            i -= 1
        }
        if let lastBreak { return lastBreak }
        var j = start + size
        while j < b.count {
            if b[j] == 0x0A, startsCleanly(b, at: j + 1) { return j + 1 }
            j += 1
        }
        return b.count
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    /// Whether the line that ends with the line feed at `i` holds only white space.
    private static func endsBlankLine(_ b: [UInt8], at i: Int, after start: Int) -> Bool {
        var k = i - 1
        while k > start, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0D { k -= 1 }
        return k > start && b[k] == 0x0A
    }

    /// Whether a window starting at `p` does not open with `---` (front matter to `read`).
    private static func startsCleanly(_ b: [UInt8], at p: Int) -> Bool {
        var k = p
        while k < b.count, isSpace(b[k]) { k += 1 }
        return !(k + 2 < b.count && b[k] == 0x2D && b[k + 1] == 0x2D && b[k + 2] == 0x2D)
    }

    /// Processes one file's bytes, in windows of `size` bytes when it is longer; the windows'
    /// records become one result. The whole file is given to the stages instead when the first
    /// stage refuses a window (invalid UTF-8, a NUL byte), so that its message counts lines and
    /// bytes in the file, not in the window.
    func process(id: String, path: String, bytes: [UInt8], windowBytes size: Int) -> Result<DocumentResult, DocumentFailure> {
        guard bytes.count > size else { return process(documents: [Document(id: id, path: path, bytes: bytes)])[0] }
        var merged: DocumentResult?
        var scalars = 0, sentences = 0
        for r in Pipeline.windows(bytes, size: size) {
            // White space alone is no document for the stages; it only moves the offsets.
            if merged != nil, bytes[r].allSatisfy(Pipeline.isSpace) { scalars += r.count; continue }
            var doc = Document(id: id, path: path, bytes: Array(bytes[r]))
            if let m = merged { doc.meta = m.meta }   // given metadata wins in `read`
            switch processDocuments([doc])[0] {
            case .failure(let f):
                if f.stage != nil, f.stage == instances.first?.config.name {
                    return process(documents: [Document(id: id, path: path, bytes: bytes)])[0]
                }
                return .failure(f)
            case .success(let d):
                let part = DocumentResult(d).shifted(scalars: scalars, sentences: sentences)
                if merged == nil { merged = part } else { merged!.append(part) }
                scalars += d.original.count
                sentences += d.sentences.count
            }
        }
        merged!.characters = scalars
        return .success(merged!)
    }
}

extension DocumentResult {
    /// The result of a window that starts `scalars` scalars and `sentences` sentences into
    /// its file, with offsets and sentence indices of the file.
    func shifted(scalars: Int, sentences: Int) -> DocumentResult {
        var r = self
        for i in r.records.indices {
            r.records[i].start += scalars
            r.records[i].end += scalars
            if let s = r.records[i].sentence { r.records[i].sentence = s + sentences }
        }
        r.sentences = Dictionary(uniqueKeysWithValues: self.sentences.map { k, e in
            (k + sentences, EvidenceSentence(text: e.text, start: e.start + scalars, end: e.end + scalars))
        })
        return r
    }

    /// Adds the records and sentences of a later window. The stages record a relation or
    /// variant link once per document, so a later window's repeat of one is dropped.
    mutating func append(_ other: DocumentResult) {
        func key(_ a: Annotation) -> String? {
            a.kind == .relation || a.kind == .variant ? [a.kind.rawValue, a.type ?? "", a.head ?? "", a.tail ?? "", a.org ?? ""].joined(separator: "\u{1F}") : nil
        }
        var links = Set(records.compactMap(key))
        records += other.records.filter { a in key(a).map { links.insert($0).inserted } ?? true }
        sentences.merge(other.sentences) { a, _ in a }
    }
}
