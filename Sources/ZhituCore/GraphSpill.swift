// Spilling graph nodes and edges to a temporary file in blocks (one block per document) and
// reading the blocks back in any order, so per-document parts of a graph never sit in memory.
import Foundation

/// A binary encoding of nodes and edges: varints, length-prefixed UTF-8, tagged values.
enum GraphCodec {
    struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ v: Int) {
            var z = UInt64(bitPattern: Int64((v << 1) ^ (v >> (Int.bitWidth - 1))))   // zigzag
            while z >= 0x80 { bytes.append(UInt8(z & 0x7F) | 0x80); z >>= 7 }
            bytes.append(UInt8(z))
        }

        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { u in int(u.count); bytes.append(contentsOf: u) }
        }

        mutating func value(_ v: GraphValue) {
            switch v {
            case .string(let s): bytes.append(0); string(s)
            case .int(let i): bytes.append(1); int(i)
            case .double(let d):
                bytes.append(2)
                var b = d.bitPattern
                for _ in 0..<8 { bytes.append(UInt8(b & 0xFF)); b >>= 8 }
            case .bool(let b): bytes.append(3); bytes.append(b ? 1 : 0)
            case .strings(let l): bytes.append(4); int(l.count); l.forEach { string($0) }
            }
        }

        mutating func properties(_ p: [String: GraphValue]) {
            int(p.count)
            for k in p.keys.sorted() { string(k); value(p[k]!) }
        }

        mutating func node(_ n: GraphNode) {
            string(n.id); string(n.type); string(n.name); int(n.count)
            int(n.docs.count); n.docs.forEach { string($0) }
            properties(n.properties)
        }

        mutating func edge(_ e: GraphEdge) {
            string(e.source); string(e.target); string(e.type); int(e.count)
            properties(e.properties)
            int(e.evidence.count)
            for ev in e.evidence { string(ev.doc); string(ev.sentence); int(ev.start); int(ev.end) }
        }
    }

    /// Reads what `Writer` wrote; the bytes come from our own spill file, so they are trusted.
    struct Reader {
        let bytes: [UInt8]
        var at = 0

        var atEnd: Bool { at >= bytes.count }

        mutating func int() -> Int {
            var z: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = bytes[at]; at += 1
                z |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            let v = Int(Int64(bitPattern: z >> 1))
            return (z & 1) == 0 ? v : ~v
        }

        mutating func string() -> String {
            let n = int()
            defer { at += n }
            return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
        }

        mutating func value() -> GraphValue {
            let tag = bytes[at]; at += 1
            switch tag {
            case 0: return .string(string())
            case 1: return .int(int())
            case 2:
                var b: UInt64 = 0
                for i in 0..<8 { b |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
                at += 8
                return .double(Double(bitPattern: b))
            case 3: at += 1; return .bool(bytes[at - 1] != 0)
            default: return .strings((0..<int()).map { _ in string() })
            }
        }

        mutating func properties() -> [String: GraphValue] {
            var p: [String: GraphValue] = [:]
            for _ in 0..<int() { let k = string(); p[k] = value() }
            return p
        }

        mutating func node() -> GraphNode {
            let id = string(), type = string(), name = string(), count = int()
            let docs = (0..<int()).map { _ in string() }
            return GraphNode(id: id, type: type, name: name, docs: docs, count: count, properties: properties())
        }

        mutating func edge() -> GraphEdge {
            let source = string(), target = string(), type = string(), count = int()
            let props = properties()
            let evidence = (0..<int()).map { _ in
                let doc = string(), sentence = string(), start = int()
                return Evidence(doc: doc, sentence: sentence, start: start, end: int())
            }
            return GraphEdge(source: source, target: target, type: type, count: count, properties: props, evidence: evidence)
        }
    }
}

/// A spill's temporary file: created empty for writing, closed and removed with the spill.
enum SpillFile {
    static func create(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        return try FileHandle(forWritingTo: url)
    }

    static func remove(_ url: URL, _ handle: FileHandle?) {
        try? handle?.close()
        try? FileManager.default.removeItem(at: url)
    }
}

/// An append-only file of blocks of encoded records; blocks are read back whole, in any order.
/// The file is removed when the spill is released.
final class BlockSpill: @unchecked Sendable {
    let url: URL
    private var handle: FileHandle?
    private var pending = GraphCodec.Writer()
    private var written: UInt64 = 0
    /// Start of each block in the file, and the end of the last.
    private(set) var offsets: [UInt64] = [0]
    private(set) var records = 0

    init(directory: URL, name: String) throws {
        url = directory.appendingPathComponent(name)
        handle = try SpillFile.create(url)
    }

    deinit { SpillFile.remove(url, handle) }

    var blockCount: Int { offsets.count - 1 }

    func append(_ n: GraphNode) { pending.node(n); records += 1 }
    func append(_ e: GraphEdge) { pending.edge(e); records += 1 }

    /// Ends the current block (which may be empty); returns its number.
    @discardableResult
    func endBlock() throws -> Int {
        if pending.bytes.count > 1 << 16 { try flush() }
        offsets.append(written + UInt64(pending.bytes.count))
        return offsets.count - 2
    }

    private func flush() throws {
        try handle?.write(contentsOf: pending.bytes)
        written += UInt64(pending.bytes.count)
        pending.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes out what is buffered; call once, after the last block.
    func close() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    /// The records of `blocks`, in that order, decoded one at a time.
    func read<T>(_ blocks: [Int], _ decode: @escaping (inout GraphCodec.Reader) -> T) -> AnyIterator<T> {
        let offsets = offsets
        let file = open()
        var next = 0
        var reader = GraphCodec.Reader(bytes: [])
        return AnyIterator { [self] in
            while reader.atEnd {
                guard let file, next < blocks.count else { try? file?.close(); return nil }
                let b = blocks[next]; next += 1
                if offsets[b] == offsets[b + 1] { continue }
                guard let r = load(b, from: file) else { return nil }
                reader = r
            }
            return decode(&reader)
        }
    }

    /// The spill file opened for reading, or nil (the failure recorded for `ReadBack.check`).
    func open() -> FileHandle? {
        do { return try FileHandle(forReadingFrom: url) } catch {
            ReadBack.fail(file: url.path, error)
            return nil
        }
    }

    /// Block `b`, read whole through `file`.
    func load(_ b: Int, from file: FileHandle) -> GraphCodec.Reader? {
        let start = offsets[b], end = offsets[b + 1]
        do {
            try file.seek(toOffset: start)
            let bytes = [UInt8](try file.read(upToCount: Int(end - start)) ?? Data())
            if bytes.count != Int(end - start) { throw ReadBackError(file: url.path, reason: "the spill is shorter than written") }
            return GraphCodec.Reader(bytes: bytes)
        } catch {
            ReadBack.fail(file: url.path, error)
            return nil
        }
    }
}

extension BlockSpill {
    /// The records of groups of blocks, group after group; the blocks of a group (the parts of
    /// one document, each sorted by `less`) are merged by `less`. Runs of one-block groups are
    /// read as before, through one open file.
    func read<T>(_ groups: [[Int]], by less: @escaping (T, T) -> Bool, _ decode: @escaping (inout GraphCodec.Reader) -> T) -> AnyIterator<T> {
        var g = 0
        var current: AnyIterator<T>?
        return AnyIterator { [self] in
            while true {
                if let v = current?.next() { return v }
                guard g < groups.count else { return nil }
                if groups[g].count == 1 {
                    var run: [Int] = []
                    while g < groups.count, groups[g].count == 1 { run.append(groups[g][0]); g += 1 }
                    current = read(run, decode)
                } else {
                    // The blocks of one document are read at once through one file: a
                    // document in hundreds of parts must not open hundreds of files.
                    let blocks = groups[g].filter { offsets[$0] < offsets[$0 + 1] }
                    g += 1
                    guard let file = open() else { return nil }
                    defer { try? file.close() }
                    var sources: [AnyIterator<T>] = []
                    for b in blocks {
                        guard var reader = load(b, from: file) else { return nil }
                        sources.append(AnyIterator { reader.atEnd ? nil : decode(&reader) })
                    }
                    current = AnyIterator(MergingIterator(sources, by: less))
                }
            }
        }
    }
}

/// Merges iterators that are each sorted by `less` into one sorted iterator (ties: the
/// earlier iterator first).
struct MergingIterator<T>: IteratorProtocol {
    private var sources: [AnyIterator<T>]
    private var heads: [T?]
    private let less: (T, T) -> Bool

    init(_ sources: [AnyIterator<T>], by less: @escaping (T, T) -> Bool) {
        self.sources = sources
        heads = sources.map { $0.next() }
        self.less = less
    }

    mutating func next() -> T? {
        var best: Int?
        for i in heads.indices {
            guard let h = heads[i] else { continue }
            if let b = best, !less(h, heads[b]!) { continue }
            best = i
        }
        guard let b = best else { return nil }
        defer { heads[b] = sources[b].next() }
        return heads[b]
    }
}
