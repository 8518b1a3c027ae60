// The processed documents of a run, in id order: held in memory, or read back one at a time
// from a records file (annotations.jsonl), so that writers can go over a corpus of any size.
import Foundation

public struct DocumentResults: Sequence, Sendable {
    enum Storage: Sendable {
        case memory([DocumentResult])
        case file(URL)
        case indexed(files: [URL], documents: [RecordIndex.Entry])
        /// Decoded once already (see `RunOutput.prepare`).
        case spill(DocumentSpill)
    }
    let storage: Storage

    public init(_ documents: [DocumentResult]) { storage = .memory(documents) }

    /// Documents streamed from a records file written by `RecordCodec` (each document's lines
    /// together). Every iteration reads the file again.
    public init(file: URL) { storage = .file(file) }

    init(spill: DocumentSpill) { storage = .spill(spill) }

    public var isEmpty: Bool {
        var it = makeIterator()
        return it.next() == nil
    }

    public func makeIterator() -> AnyIterator<DocumentResult> {
        switch storage {
        case .memory(let docs):
            return AnyIterator(docs.makeIterator())
        case .file(let url):
            let reader = RecordCodec.StreamReader(url: url)
            return AnyIterator { reader.next() }
        case .indexed(let files, let documents):
            let reader = RecordIndex.Reader(files: files)
            var i = 0
            return AnyIterator {
                guard i < documents.count else { return nil }
                defer { i += 1 }
                return reader.read(documents[i])
            }
        case .spill(let spill):
            return spill.makeIterator()
        }
    }

    /// The documents of several records files (as `zhitu run` or `--stdin-jsonl` write them),
    /// merged in id order without holding them: each file is read once, every line checked
    /// (errors name the file and line), to note where each document's lines are; iterating
    /// reads them back from there. A document in two files is an error.
    public static func merging(files paths: [String]) throws -> (documents: DocumentResults, count: Int) {
        var entries: [String: RecordIndex.Entry] = [:]
        for (f, path) in paths.enumerated() {
            // A second "document" line for an id is two documents given one id (a duplicate id
            // on --stdin-jsonl, say): merging them would silently mix their records.
            var documentLines: [String: Int] = [:]
            try RecordIndex.scan(path) { doc, isDocument, line, offset, length in
                if doc.isEmpty { throw RecordCodec.ReadError(file: path, line: line, message: "empty document id") }
                if isDocument {
                    if let first = documentLines[doc] {
                        throw RecordCodec.ReadError(file: path, line: line, message: "document \(doc) again (first at line \(first)); two documents with one id")
                    }
                    documentLines[doc] = line
                }
                if var e = entries[doc] {
                    if e.file != f { throw RecordIndex.DuplicateDocument(id: doc, file: path, other: paths[e.file]) }
                    if let last = e.spans.last, last.offset + UInt64(last.length) == offset {
                        e.spans[e.spans.count - 1].length += length
                    } else {
                        e.spans.append(RecordIndex.Span(offset: offset, length: length))
                    }
                    entries[doc] = e
                } else {
                    entries[doc] = RecordIndex.Entry(id: doc, file: f, spans: [RecordIndex.Span(offset: offset, length: length)])
                }
            }
        }
        let sorted = entries.values.sorted { $0.id < $1.id }
        return (DocumentResults(storage: .indexed(files: paths.map { URL(fileURLWithPath: $0) }, documents: sorted)), sorted.count)
    }

    private init(storage: Storage) { self.storage = storage }
}

/// Where each document's lines are in records files: for merging files without reading them
/// into memory.
public enum RecordIndex {
    /// A run of whole lines in a file.
    struct Span: Sendable {
        var offset: UInt64
        var length: UInt32
    }

    struct Entry: Sendable {
        var id: String
        var file: Int
        var spans: [Span]
    }

    public struct DuplicateDocument: Error, CustomStringConvertible {
        public var id: String
        public var file: String
        public var other: String
        public var description: String { "\(file): document \(id) is also in \(other)" }
    }

    public struct Unreadable: Error, CustomStringConvertible {
        public var file: String
        public var description: String { "\(file): cannot be read" }
    }

    /// Calls `body` with the document, offset and length of every record line of `path` (line
    /// end included), checking each line as `RecordCodec.read` does.
    static func scan(_ path: String, _ body: (_ doc: String, _ isDocument: Bool, _ line: Int, UInt64, UInt32) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Unreadable(file: path) }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        var bufferStart: UInt64 = 0   // file offset of buffer[0]
        var lineNumber = 0
        var eof = false
        while !eof || !buffer.isEmpty {
            if !eof {
                let chunk: Data
                do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw Unreadable(file: path) }
                if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk) }
            }
            var start = 0
            while start < buffer.count {
                let nl = buffer[start...].firstIndex(of: 0x0A)
                if nl == nil && !eof { break }   // an incomplete line: read more
                let end = nl ?? buffer.count
                lineNumber += 1
                let raw = buffer[start..<end]
                let next = nl.map { $0 + 1 } ?? buffer.count
                if !raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
                    guard let l = RecordCodec.Line(Array(raw)) else {
                        throw RecordCodec.ReadError(file: path, line: lineNumber, message: RecordCodec.notARecord)
                    }
                    if l.kind == "sentence" && (l.index == nil || l.text == nil || l.start == nil || l.end == nil) {
                        throw RecordCodec.ReadError(file: path, line: lineNumber, message: "sentence record needs index, text, start and end")
                    }
                    if l.kind != RecordCodec.Line.run {
                        try body(l.doc, l.kind == "document", lineNumber, bufferStart + UInt64(start), UInt32(next - start))
                    }
                }
                start = next
            }
            buffer.removeFirst(start)
            bufferStart += UInt64(start)
        }
    }

    /// Reads indexed documents back, keeping one open handle per file.
    final class Reader {
        private let files: [URL]
        private var handles: [Int: FileHandle] = [:]

        init(files: [URL]) { self.files = files }

        deinit { for h in handles.values { try? h.close() } }

        func read(_ e: Entry) -> DocumentResult? {
            let file = files[e.file]
            do {
                if handles[e.file] == nil { handles[e.file] = try FileHandle(forReadingFrom: file) }
            } catch {
                ReadBack.fail(file: file.path, error)
                return nil
            }
            let h = handles[e.file]!
            var d = RecordCodec.start(e.id)
            for span in e.spans {
                let data: Data
                do {
                    try h.seek(toOffset: span.offset)
                    data = try h.read(upToCount: Int(span.length)) ?? Data()
                    if data.count != Int(span.length) { throw ReadBackError(file: file.path, reason: "the file is shorter than when it was indexed") }
                } catch {
                    ReadBack.fail(file: file.path, error)
                    return nil
                }
                for raw in [UInt8](data).split(separator: 0x0A) {
                    if let l = RecordCodec.Line(Array(raw)) { RecordCodec.apply(l, to: &d) }
                }
            }
            return d
        }
    }
}

extension RecordCodec {
    /// Reads documents one at a time from a records file whose lines are grouped by document.
    /// A line that cannot be read is skipped (the file was written by zhitu itself).
    final class StreamReader {
        private let handle: FileHandle?
        private var buffer: [UInt8] = []
        /// Start of the unread part of `buffer` (lines are not removed one by one: that would
        /// move the rest of the buffer for every line).
        private var cursor = 0
        private var eof = false
        private var pending: DocumentResult?

        private let url: URL

        init(url: URL) {
            self.url = url
            do { handle = try FileHandle(forReadingFrom: url) } catch {
                ReadBack.fail(file: url.path, error)
                handle = nil
            }
        }

        deinit { try? handle?.close() }

        private func nextLine() -> [UInt8]? {
            while true {
                if let nl = buffer[cursor...].firstIndex(of: 0x0A) {
                    let line = Array(buffer[cursor..<nl])
                    cursor = nl + 1
                    return line
                }
                if eof || handle == nil {
                    guard cursor < buffer.count else { return nil }
                    defer { buffer = []; cursor = 0 }
                    return Array(buffer[cursor...])
                }
                buffer.removeFirst(cursor)
                cursor = 0
                do {
                    let chunk = try handle!.read(upToCount: 1 << 20) ?? Data()
                    if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk) }
                } catch {
                    ReadBack.fail(file: url.path, error)
                    eof = true
                }
            }
        }

        /// The next document, or the next part of a long one: a long document's lines are
        /// written window by window, each window's cited sentences before its records (see
        /// Windows.swift), so where sentence lines follow record lines of one document a new
        /// part begins, holding the sentences its records cite. A document written whole has
        /// its sentences first and comes in one part.
        func next() -> DocumentResult? {
            while let raw = nextLine() {
                guard !raw.isEmpty, let line = Line(raw), line.kind != Line.run else { continue }   // the run line has no document
                if let p = pending, p.id != line.doc || (line.kind == "sentence" && !p.records.isEmpty) {
                    if p.id == line.doc {
                        var part = RecordCodec.start(p.id)
                        part.path = p.path
                        part.meta = p.meta
                        part.characters = p.characters
                        part.continued = true
                        pending = part
                    } else {
                        pending = RecordCodec.start(line.doc)
                    }
                    RecordCodec.apply(line, to: &pending!)
                    return p
                }
                if pending == nil { pending = RecordCodec.start(line.doc) }
                RecordCodec.apply(line, to: &pending!)
            }
            defer { pending = nil }
            return pending
        }
    }
}
