// The processed documents of a run, in id order: held in memory, or read back one at a time
// from a records file (annotations.jsonl), so that writers can go over a corpus of any size.
import Foundation

public struct DocumentResults: Sequence, Sendable {
    enum Storage: Sendable {
        case memory([DocumentResult])
        case file(URL)
    }
    let storage: Storage

    public init(_ documents: [DocumentResult]) { storage = .memory(documents) }

    /// Documents streamed from a records file written by `RecordCodec` (each document's lines
    /// together). Every iteration reads the file again.
    public init(file: URL) { storage = .file(file) }

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

        init(url: URL) { handle = try? FileHandle(forReadingFrom: url) }

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
                let chunk = handle!.readData(ofLength: 1 << 20)
                if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk) }
            }
        }

        func next() -> DocumentResult? {
            while let raw = nextLine() {
                guard !raw.isEmpty, let line = Line(raw) else { continue }
                if let p = pending, p.id != line.doc {
                    pending = RecordCodec.start(line.doc)
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
