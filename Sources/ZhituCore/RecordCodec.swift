// The JSON Lines form of a processed document — what annotations.jsonl and the streaming
// mode carry, and what `zhitu graph --from` reads back:
//   {"kind": "run", "zhitu", "config_sha256", "stages", "date"}                      first, in zhitu run's file
//   {"doc", "kind": "document", "path", "date", "title", "source", "characters"}   once per document
//   {"doc", "kind": "sentence", "index", "text", "start", "end"}                    each sentence
//   {"doc", "kind": "entity" | "number" | …, …gold fields…, "start", "end", "sentence"}
// The gold kinds keep exactly the format of ANNOTATION.md; scorers ignore the other kinds.
import Foundation

public enum RecordCodec {
    /// All lines of one document (or part of one, see `DocumentResult.continued`), each ending in "\n".
    public static func lines(_ d: DocumentResult) -> String {
        var all: [UInt8] = []
        append(d, to: &all, chunk: .max) { _ in }
        return String(decoding: all, as: UTF8.self)
    }

    /// The lines of `lines(d)` handed to `body` in pieces of about `chunk` UTF-8 bytes, so
    /// that a document with hundreds of thousands of records (a long article) is not also
    /// held as one string.
    public static func write(_ d: DocumentResult, chunk: Int = 1 << 20, _ body: (String) throws -> Void) rethrows {
        var out: [UInt8] = []
        try append(d, to: &out, chunk: chunk) {
            try body(String(decoding: $0, as: UTF8.self))
            $0.removeAll(keepingCapacity: true)
        }
        if !out.isEmpty { try body(String(decoding: out, as: UTF8.self)) }
    }

    /// Appends the lines of `lines(d)` to `out` as UTF-8, calling `flush` whenever `out` holds
    /// `chunk` bytes or more after a line; `flush` writes them out and empties `out`. A writer
    /// keeps one buffer for every document, so encoding allocates nothing per record.
    public static func append(_ d: DocumentResult, to out: inout [UInt8], chunk: Int = 1 << 20,
                              flush: (inout [UInt8]) throws -> Void) rethrows {
        var w = JSONBytes(bytes: out)
        out = []   // w owns the buffer while it writes (no copy on append)
        defer { out = w.bytes }
        if !d.continued {   // a later part of a document goes on from its first part's lines
            w.beginObject()
            w.field("doc", d.id)
            w.field("kind", "document")
            w.field("path", d.path)
            w.field("date", d.meta.date)
            w.field("title", d.meta.title)
            w.field("source", d.meta.source)
            w.field("characters", d.characters)
            w.endObject()
            w.newline()
        }
        for i in d.sentences.keys.sorted() {
            let s = d.sentences[i]!
            w.beginObject()
            w.field("doc", d.id)
            w.field("kind", "sentence")
            w.field("index", i)
            w.field("text", s.text)
            w.field("start", s.start)
            w.field("end", s.end)
            w.endObject()
            w.newline()
            if w.bytes.count >= chunk { try flush(&w.bytes) }
        }
        for a in d.records {
            record(a, doc: d.id, &w)
            w.newline()
            if w.bytes.count >= chunk { try flush(&w.bytes) }
        }
    }

    /// One record line.
    public static func line(_ a: Annotation, doc: String) -> String {
        var w = JSONBytes()
        record(a, doc: doc, &w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func record(_ a: Annotation, doc: String, _ w: inout JSONBytes) {
        w.beginObject()
        w.field("doc", doc)
        w.field("kind", a.kind.rawValue)
        if let t = a.type { w.field("type", t) }
        if a.kind == .relation || a.kind == .variant {
            w.field("head", a.head)
            w.field("tail", a.tail)
            if let org = a.org { w.field("org", org) }
        } else {
            w.field("text", a.text)
        }
        if a.kind == .number {
            w.field("numtype", a.numtype)
            switch a.value {
            case .number(let d)?: w.field("value", d)
            case .string(let s)?: w.field("value", s)
            case nil: w.field("value", nil as String?)
            }
            w.field("unit", a.unit)
            w.field("qualifier", a.qualifier)
            w.field("subject", a.subject)
        }
        if let c = a.canonical { w.field("canonical", c) }
        if let c = a.code { w.field("code", c) }
        w.field("start", a.start)
        w.field("end", a.end)
        if let s = a.sentence { w.field("sentence", s) }
        w.endObject()
    }

    static let notARecord = "not a record line (expected a JSON object with \"doc\" and \"kind\", whole numbers for offsets, valid UTF-8)"

    /// An error in a records file, naming file and line.
    public struct ReadError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    static func start(_ id: String) -> DocumentResult {
        DocumentResult(id: id, path: "", meta: DocumentMeta(), characters: 0, records: [], sentences: [:])
    }

    /// Adds one decoded line to its document.
    static func apply(_ l: Line, to d: inout DocumentResult) {
        switch l.kind {
        case "document":
            d.path = l.path ?? ""
            d.meta = DocumentMeta(date: l.date, title: l.title, source: l.source)
            d.characters = l.characters ?? 0
        case "sentence":
            if let i = l.index { d.sentences[i] = EvidenceSentence(text: l.text ?? "", start: l.start ?? 0, end: l.end ?? 0) }
        default:
            var a = Annotation(kind: Annotation.Kind(rawValue: l.kind), type: l.type, text: l.text ?? "", start: l.start ?? 0, end: l.end ?? 0)
            a.sentence = l.sentence
            a.numtype = l.numtype; a.value = l.value; a.unit = l.unit; a.qualifier = l.qualifier; a.subject = l.subject
            a.head = l.head; a.tail = l.tail; a.org = l.org; a.canonical = l.canonical; a.code = l.code
            d.records.append(a)
        }
    }

    /// Reads documents back from JSON Lines, in order of first appearance. Lines of one
    /// document may be anywhere in the file. Errors name the file and line.
    public static func read(_ data: Data, file: String) throws -> [DocumentResult] {
        var order: [String] = []
        var docs: [String: DocumentResult] = [:]
        var n = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            n += 1
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let l = Line(Array(raw)) else {
                throw ReadError(file: file, line: n, message: notARecord)
            }
            if l.kind == Line.run { continue }
            if l.kind == "sentence" && (l.index == nil || l.text == nil || l.start == nil || l.end == nil) {
                throw ReadError(file: file, line: n, message: "sentence record needs index, text, start and end")
            }
            if docs[l.doc] == nil { order.append(l.doc); docs[l.doc] = start(l.doc) }
            apply(l, to: &docs[l.doc]!)
        }
        return order.map { docs[$0]! }
    }
}
