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

    /// Unicode scalars in UTF-8 `bytes` (bytes that do not continue a sequence). Invalid UTF-8
    /// is refused by the `read` stage, and its parts discarded, before this number matters.
    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// Processes one document's bytes in windows of `size` bytes, handing each window's records
    /// to `emit` as soon as it and the windows before it are done: the first part carries the
    /// metadata (the first window's) and `characters` of the whole document, later parts are
    /// `continued`. Up to `jobs` windows run at once. A window that fails makes the parts
    /// already handed on void (`.discard`); when the first stage refused it (invalid UTF-8, a
    /// NUL byte), the whole document is given to the stages instead, so that the message counts
    /// lines and bytes in the file, not in the window. Returns the failure, if any.
    func processInWindows(id: String, path: String, meta given: DocumentMeta?, bytes: [UInt8], size: Int, jobs: Int,
                          _ emit: (PartEvent) throws -> Void) rethrows -> DocumentFailure? {
        let ranges = Pipeline.windows(bytes, size: size)
        var before = [0]   // scalars before each window
        for r in ranges { before.append(before.last! + Pipeline.scalarCount(bytes[r])) }
        // White space alone is no document for the stages; it only moves the offsets.
        let todo = ranges.indices.filter { $0 == 0 || !bytes[ranges[$0]].allSatisfy(Pipeline.isSpace) }
        var meta: DocumentMeta?      // the first window's, given to the others (given metadata wins in `read`)
        var sentences = 0
        var links = Set<String>()    // relations and variant links so far: once per document
        var emitted = false
        var k = 0
        while k < todo.count {
            let group = Array(todo[k..<(meta == nil ? k + 1 : min(k + max(1, jobs), todo.count))])
            let m = meta ?? given
            let results = parallelMap(group.count, jobs: jobs) { g -> Result<Document, DocumentFailure> in
                var doc = Document(id: id, path: path, bytes: Array(bytes[ranges[group[g]]]))
                if let m { doc.meta = m }
                return self.processDocuments([doc])[0]
            }
            for (g, r) in zip(group, results) {
                switch r {
                case .failure(let f):
                    if emitted { try emit(.discard(id)) }
                    guard f.stage != nil, f.stage == instances.first?.config.name else { return f }
                    var whole = Document(id: id, path: path, bytes: bytes)
                    if let given { whole.meta = given }
                    switch processDocuments([whole])[0] {
                    case .failure(let f): return f
                    case .success(let d): try emit(.part(DocumentResult(d), last: true)); return nil
                    }
                case .success(let d):
                    var part = DocumentResult(d).shifted(scalars: before[g], sentences: sentences)
                    sentences += d.sentences.count
                    part.records.removeAll { a in Self.linkKey(a).map { !links.insert($0).inserted } ?? false }
                    if let meta { part.meta = meta; part.continued = true } else { meta = part.meta }
                    part.characters = before.last!
                    try emit(.part(part, last: g == todo.last))
                    emitted = true
                }
            }
            k += group.count
        }
        return nil
    }

    /// Processes a document given in memory (`--stdin-jsonl`) like a file of the run: in
    /// windows when it is longer than `windowBytes`, its parts to `emit` (see
    /// `processInWindows`); metadata given with it wins. Returns the failure, if any.
    public func process(document doc: Document, jobs: Int, windowBytes: Int = Pipeline.windowBytes,
                        parts emit: (PartEvent) throws -> Void) rethrows -> DocumentFailure? {
        try processInWindows(id: doc.id, path: doc.path, meta: doc.meta, bytes: doc.bytes, size: windowBytes, jobs: jobs, emit)
    }

    /// Whether a stage needs every document for its `finish` (a long document is then merged).
    public var needsWholeCorpus: Bool { instances.contains { type(of: $0.stage).needsWholeCorpus } }

    /// What identifies a relation or variant link, which the stages record once per document.
    static func linkKey(_ a: Annotation) -> String? {
        a.kind == .relation || a.kind == .variant ? [a.kind.rawValue, a.type ?? "", a.head ?? "", a.tail ?? "", a.org ?? ""].joined(separator: "\u{1F}") : nil
    }
}

/// What a run hands on for a document processed in windows, part by part.
public enum PartEvent: Sendable {
    /// The next part of a document (`continued` after the first); `last` ends the document.
    case part(DocumentResult, last: Bool)
    /// The parts of this document handed on so far are void: a later window failed.
    case discard(String)
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

    /// Adds the records and cited sentences of a later part of the same document.
    mutating func append(_ other: DocumentResult) {
        records += other.records
        sentences.merge(other.sentences) { a, _ in a }
    }
}
