// The documents of a run decoded once from their JSON Lines and kept in a temporary binary
// file, so that the writers that go over the records (several passes each) read varints and
// UTF-8 back instead of parsing JSON again.
import Foundation

/// An append-only file of length-prefixed encoded documents, read back in order; removed
/// when released.
public final class DocumentSpill: @unchecked Sendable {
    let url: URL
    private var handle: FileHandle?
    private var pending = GraphCodec.Writer()
    public private(set) var count = 0

    init(directory: URL) throws {
        url = directory.appendingPathComponent(".zhitu-documents-\(getpid())-\(UUID().uuidString)")
        handle = try SpillFile.create(url)
    }

    deinit { SpillFile.remove(url, handle) }

    func append(_ d: DocumentResult) throws {
        var body = GraphCodec.Writer()
        body.document(d)
        var n = UInt64(body.bytes.count)
        for _ in 0..<8 { pending.bytes.append(UInt8(n & 0xFF)); n >>= 8 }
        pending.bytes.append(contentsOf: body.bytes)
        count += 1
        if pending.bytes.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try handle?.write(contentsOf: pending.bytes)
        pending.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes out what is buffered; call once, after the last document.
    func close() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    /// The documents in the order they were appended, decoded one at a time.
    func makeIterator() -> AnyIterator<DocumentResult> {
        let file: FileHandle
        do { file = try FileHandle(forReadingFrom: url) } catch {
            ReadBack.fail(file: url.path, error)
            return AnyIterator { nil }
        }
        var buffer: [UInt8] = []
        var at = 0
        var eof = false
        /// At least `n` unread bytes in `buffer`, unless the file ends first.
        func fill(_ n: Int) -> Bool {
            while buffer.count - at < n && !eof {
                if at > 0 { buffer.removeFirst(at); at = 0 }
                do {
                    let chunk = try file.read(upToCount: max(1 << 20, n)) ?? Data()
                    if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk) }
                } catch {
                    ReadBack.fail(file: url.path, error)
                    eof = true
                }
            }
            return buffer.count - at >= n
        }
        let path = url.path
        return AnyIterator {
            guard fill(8) else {
                if at < buffer.count { ReadBack.fail(file: path, ReadBackError(file: path, reason: "the spill is shorter than written")) }
                try? file.close()
                return nil
            }
            var n = 0
            for k in 0..<8 { n |= Int(buffer[at + k]) << (8 * k) }
            at += 8
            guard fill(n) else {
                ReadBack.fail(file: path, ReadBackError(file: path, reason: "the spill is shorter than written"))
                try? file.close()
                return nil
            }
            var r = GraphCodec.Reader(bytes: Array(buffer[at..<(at + n)]))
            at += n
            return r.document()
        }
    }
}

extension DocumentResults {
    /// Decodes these documents once into a spill in `directory`, calling `body` with each
    /// in order (to build the graph in the same pass); the result reads the spill. With two
    /// or more `threads`, another thread decodes and spills while `body` runs on this one.
    /// Documents already in memory or in a spill are returned as they are, after the same calls.
    func decoded(into directory: URL, threads: Int = 1, _ body: (DocumentResult) throws -> Void) throws -> DocumentResults {
        switch storage {
        case .memory, .spill:
            for d in self { try body(d) }
            return self
        case .file, .indexed:
            let spill = try DocumentSpill(directory: directory)
            if threads > 1 {
                try decodeBeside(into: spill, body)
            } else {
                for d in self {
                    try body(d)
                    try spill.append(d)
                }
            }
            try spill.close()
            try ReadBack.check()
            return DocumentResults(spill: spill)
        }
    }

    /// The decoding and spilling on a thread of its own, handing each document to `body` here:
    /// the two cost about the same when `body` builds the graph.
    private func decodeBeside(into spill: DocumentSpill, _ body: (DocumentResult) throws -> Void) throws {
        let documents = self
        try Handoff<DocumentResult>.pipe(capacity: 64, produce: { send in
            for d in documents {
                try spill.append(d)
                try send(d)
            }
        }, consume: body)
    }
}

extension GraphCodec.Writer {
    mutating func optional(_ s: String?) {
        if let s { bytes.append(1); string(s) } else { bytes.append(0) }
    }

    mutating func optional(_ i: Int?) {
        if let i { bytes.append(1); int(i) } else { bytes.append(0) }
    }

    mutating func document(_ d: DocumentResult) {
        string(d.id); string(d.path)
        optional(d.meta.date); optional(d.meta.title); optional(d.meta.source)
        int(d.characters); int(d.continued ? 1 : 0)
        int(d.sentences.count)
        for k in d.sentences.keys.sorted() {
            let s = d.sentences[k]!
            int(k); string(s.text); int(s.start); int(s.end)
        }
        int(d.records.count)
        for a in d.records {
            string(a.kind.rawValue); optional(a.type); string(a.text); int(a.start); int(a.end); optional(a.sentence)
            optional(a.numtype)
            switch a.value {
            case nil: bytes.append(0)
            case .number(let v)?:
                bytes.append(1)
                var b = v.bitPattern
                for _ in 0..<8 { bytes.append(UInt8(b & 0xFF)); b >>= 8 }
            case .string(let s)?: bytes.append(2); string(s)
            }
            optional(a.unit); optional(a.qualifier); optional(a.subject)
            optional(a.head); optional(a.tail); optional(a.org); optional(a.canonical); optional(a.code)
        }
    }
}

extension GraphCodec.Reader {
    mutating func optionalString() -> String? {
        let tag = bytes[at]; at += 1
        return tag == 0 ? nil : string()
    }

    mutating func optionalInt() -> Int? {
        let tag = bytes[at]; at += 1
        return tag == 0 ? nil : int()
    }

    mutating func document() -> DocumentResult {
        let id = string(), path = string()
        let date = optionalString(), title = optionalString(), source = optionalString()
        let characters = int(), continued = int() != 0
        var sentences: [Int: EvidenceSentence] = [:]
        let sentenceCount = int()
        sentences.reserveCapacity(sentenceCount)
        for _ in 0..<sentenceCount {
            let k = int(), text = string(), start = int()
            sentences[k] = EvidenceSentence(text: text, start: start, end: int())
        }
        var records: [Annotation] = []
        let recordCount = int()
        records.reserveCapacity(recordCount)
        for _ in 0..<recordCount {
            let kind = string(), type = optionalString(), text = string(), start = int(), end = int()
            var a = Annotation(kind: Annotation.Kind(rawValue: kind), type: type, text: text, start: start, end: end)
            a.sentence = optionalInt()
            a.numtype = optionalString()
            let tag = bytes[at]; at += 1
            switch tag {
            case 1:
                var b: UInt64 = 0
                for k in 0..<8 { b |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
                at += 8
                a.value = .number(Double(bitPattern: b))
            case 2: a.value = .string(string())
            default: a.value = nil
            }
            a.unit = optionalString(); a.qualifier = optionalString(); a.subject = optionalString()
            a.head = optionalString(); a.tail = optionalString(); a.org = optionalString()
            a.canonical = optionalString(); a.code = optionalString()
            records.append(a)
        }
        var d = DocumentResult(id: id, path: path, meta: DocumentMeta(date: date, title: title, source: source), characters: characters,
                               records: records, sentences: sentences)
        d.continued = continued
        return d
    }
}
