// Word lists shipped with stages or named in pipeline.json, and the trie that matches them.
import Foundation

/// An error in a lexicon file, naming the file and line.
public struct LexiconError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// A lexicon: entries with an optional tag. File format: UTF-8, one entry per line,
/// `word` or `word<TAB>tag`; blank lines and lines starting with `#` are skipped.
public struct Lexicon: Sendable {
    public var entries: [(word: String, tag: String)] = []

    public init() {}
    public init(words: [String], tag: String = "") { entries = words.map { ($0, tag) } }

    /// Loads a lexicon file. A missing, unreadable or malformed file is an error, never empty.
    public init(contentsOf url: URL) throws {
        let file = url.path
        let data: Data
        do { data = try ReadableFile.data(file) } catch let e as FileProblem {
            throw LexiconError(file: file, line: nil, message: e.reason == "no such file" ? "no such lexicon file" : e.reason)
        }
        // Parsed as bytes: splitting a String by Characters and testing each for whitespace was
        // most of a stage's start-up. Tab and line feed never join a grapheme, so byte splits
        // are the same cuts.
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw LexiconError(file: file, line: nil, message: "not valid UTF-8")
        }
        entries.reserveCapacity(bytes.count / 16)
        try bytes.withUnsafeBufferPointer { all in
            var n = 0, start = 0
            while start < all.count {
                n += 1
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                var line = all[start..<end]
                if line.last == 0x0D { line = line.dropLast() }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) || line.first == 0x23 { continue }   // blank, `#`
                let tab = line.firstIndex(of: 0x09)
                let word = tab.map { line[..<$0] } ?? line
                if let t = tab, line[(t + 1)...].contains(0x09) {
                    let cols = line.split(separator: 0x09, omittingEmptySubsequences: false).count
                    throw LexiconError(file: file, line: n, message: "expected `word` or `word<TAB>tag`, found \(cols) columns")
                }
                guard !word.isEmpty, !Lexicon.hasWhitespace(word) else {
                    throw LexiconError(file: file, line: n, message: "entry \(jsonQuoted(String(decoding: word, as: UTF8.self))) is empty or has spaces; use one word per line, tab before a tag")
                }
                if word.contains(0) { throw LexiconError(file: file, line: n, message: "has a NUL byte") }
                entries.append((String(decoding: word, as: UTF8.self), tab.map { String(decoding: line[($0 + 1)...], as: UTF8.self) } ?? ""))
            }
        }
        if entries.isEmpty { throw LexiconError(file: file, line: nil, message: "has no entries") }
    }

    public var words: [String] { entries.map { $0.word } }   // a closure: a key path into a tuple goes through the runtime

    /// Whether UTF-8 `bytes` hold a White_Space scalar: ASCII 09–0D and 20, U+0085, U+00A0,
    /// U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000 (the whole Unicode list).
    static func hasWhitespace(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x20 || (0x09...0x0D).contains(b) { return true }
            } else if i + 1 < bytes.endIndex {
                let c = bytes[i + 1], d = i + 2 < bytes.endIndex ? bytes[i + 2] : 0
                switch b {
                case 0xC2: if c == 0x85 || c == 0xA0 { return true }
                case 0xE1: if c == 0x9A && d == 0x80 { return true }
                case 0xE2: if (c == 0x80 && ((0x80...0x8A).contains(d) || d == 0xA8 || d == 0xA9 || d == 0xAF)) || (c == 0x81 && d == 0x9F) { return true }
                case 0xE3: if c == 0x80 && d == 0x80 { return true }
                default: break
                }
            }
            i += 1
        }
        return false
    }
}

/// A trie over Unicode scalars with one hash lookup per step. Values are small integers
/// (an index into the caller's table); a later insert of the same word overwrites.
public struct Trie: Sendable {
    var edges = EdgeTable()
    var nodes = 1   // the root
    /// The BMP scalars that start some entry: a fast reject before any hash lookup (scalars
    /// beyond the BMP always go to the hash table).
    @usableFromInline internal(set) var firsts = ScalarSet()
    /// The BMP scalars that are an entry by themselves.
    var singles = ScalarSet()
    /// Bloom bits of the first two scalars of entries of two or more: in a large trie most
    /// positions stop here, before a walk whose every step is a cache miss.
    var pairs = [UInt64](repeating: 0, count: 64)
    var pairCount = 0
    var pairBits: Int { pairs.count * 64 }
    public internal(set) var maxLength = 0
    public internal(set) var count = 0

    public init() {}

    /// An empty trie with room for `edges` edges and `entries` entries without growing: a
    /// builder that knows how many scalars its words have saves the rehashes of every doubling
    /// (most of a large list's build). More scalars than edges only leaves the table sparser.
    public init(reservingEdges edges: Int, entries: Int) {
        if edges > 8 { self.edges = EdgeTable(minimumCapacity: edges) }
        var bits = pairs.count * 64
        while entries * 8 > bits { bits *= 2 }
        if bits > pairBits { pairs = [UInt64](repeating: 0, count: bits / 64) }
    }

    public init(_ words: [String]) {
        self.init(reservingEdges: words.reduce(0) { $0 + $1.unicodeScalars.count }, entries: words.count)
        for (i, w) in words.enumerated() { insert(w, value: Int32(i)) }
    }

    public mutating func insert(_ word: String, value: Int32) {
        let p = path(word.unicodeScalars)
        guard p.length > 0 else { return }
        entered(first: p.first, length: p.length)
        if edges.setValue(p.key, value) { count += 1 }
    }

    /// Inserts the entry of `scalars` with `value` unless it is one already (then the first
    /// value stays); true if inserted. For builders that compose entries from parts, without
    /// a String per entry.
    public mutating func insertIfAbsent(scalars: [Unicode.Scalar], value: Int32) -> Bool {
        guard !scalars.isEmpty else { return false }
        let p = path(scalars)
        guard edges.find(p.key).map({ $0.value < 0 }) ?? false else { return false }
        entered(first: p.first, length: p.length)
        _ = edges.setValue(p.key, value)
        count += 1
        return true
    }

    /// Walks `scalars` from the root, adding the nodes it lacks; the key of its last edge.
    private mutating func path<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> (key: UInt64, length: Int, first: UInt32) {
        var node: Int32 = 0
        var len = 0
        var first: UInt32 = 0
        var key: UInt64 = 0
        for u in scalars {
            key = UInt64(UInt32(node)) << 32 | UInt64(u.value)
            if let next = edges.find(key) { node = next.child } else {
                node = Int32(nodes)
                nodes += 1
                edges.insert(key, node)
                if len == 1 { addPair(first, u.value) }
            }
            if len == 0 { first = u.value }
            len += 1
        }
        return (key, len, first)
    }

    /// Notes an entry's first scalar (and whether it is a single) and its length.
    private mutating func entered(first: UInt32, length: Int) {
        if let u = Unicode.Scalar(first), first < 0x10000 {
            firsts.insert(u)
            if length == 1 { singles.insert(u) }
        }
        maxLength = max(maxLength, length)
    }

    @inline(__always) private static func pairBit(_ a: UInt32, _ b: UInt32, _ bits: Int) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a) << 21 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & (bits - 1)
    }

    /// Records a new two-scalar prefix; past 1 pair per 8 bits the bitmap doubles and is refilled from the edges.
    private mutating func addPair(_ a: UInt32, _ b: UInt32) {
        pairCount += 1
        if pairCount * 8 > pairs.count * 64 {
            var bits = pairs.count * 64
            while pairCount * 8 > bits { bits *= 2 }
            pairs = [UInt64](repeating: 0, count: bits / 64)
            var rootChildren: [Int32: UInt32] = [:]
            edges.forEach { key, child, _ in if key >> 32 == 0 { rootChildren[child] = UInt32(truncatingIfNeeded: key) } }
            edges.forEach { key, _, _ in
                if let first = rootChildren[Int32(truncatingIfNeeded: key >> 32)], key >> 32 != 0 {
                    let bit = Trie.pairBit(first, UInt32(truncatingIfNeeded: key), bits)
                    pairs[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        let bit = Trie.pairBit(a, b, pairs.count * 64)
        pairs[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// Whether some entry may start with `u` (false means none does). Inlined into callers in
    /// other modules: a stage can test every position of a text before calling a match.
    @inlinable @inline(__always)
    public func mayStart(with u: Unicode.Scalar) -> Bool {
        u.value >= 0x10000 || firsts.contains(u)
    }

    /// Calls `body(end, value)` for every entry that starts at `start` in `text`, shortest first.
    @inline(__always)
    public func forEachMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil, _ body: (Int, Int32) -> Void) {
        let end = min(limit ?? text.count, text.count)
        guard start < end, mayStart(with: text[start]) else { return }
        let f = text[start].value
        let bit = start + 1 < end ? Trie.pairBit(f, text[start + 1].value, pairs.count * 64) : 0
        if start + 1 >= end || pairs[bit >> 6] & (1 << UInt64(bit & 63)) == 0 {
            // no entry of two or more scalars starts here: at most a single one
            guard f >= 0x10000 || singles.contains(text[start]),
                  let edge = edges.find(UInt64(f)), edge.value >= 0 else { return }
            body(start + 1, edge.value)
            return
        }
        var node: Int32 = 0
        var i = start
        while i < end {
            guard let next = edges.find(UInt64(UInt32(node)) << 32 | UInt64(text[i].value)) else { return }
            node = next.child
            i += 1
            if next.value >= 0 { body(i, next.value) }
        }
    }

    /// The longest entry starting at `start`, as (end, value). The first-scalar test is inlined
    /// into the caller: at most positions of a text no entry starts, and the call is skipped.
    @inlinable
    public func longestMatch(in text: [Unicode.Scalar], from start: Int, limit: Int? = nil) -> (end: Int, value: Int32)? {
        guard start < text.count, mayStart(with: text[start]) else { return nil }
        return longestWalk(in: text, from: start, limit: limit)
    }

    @usableFromInline
    func longestWalk(in text: [Unicode.Scalar], from start: Int, limit: Int?) -> (end: Int, value: Int32)? {
        var best: (Int, Int32)?
        forEachMatch(in: text, from: start, limit: limit) { best = ($0, $1) }
        return best
    }

    /// The value of the entry that is exactly `word`'s scalars, or nil (one walk, no array built).
    public func value(of word: String) -> Int32? {
        var node: Int32 = 0, value: Int32 = -1
        for u in word.unicodeScalars {
            guard let next = edges.find(UInt64(UInt32(node)) << 32 | UInt64(u.value)) else { return nil }
            (node, value) = next
        }
        return value >= 0 ? value : nil
    }

    public func contains(_ word: String) -> Bool {
        let s = Array(word.unicodeScalars)
        var found = false
        forEachMatch(in: s, from: 0) { end, _ in if end == s.count { found = true } }
        return found
    }
}

/// The trie's edges, (node << 32 | scalar) → (child, value of the entry ending at the child or
/// -1), in an open-addressing table with a multiplicative hash: several times faster than a
/// Dictionary with SipHash in matching loops. A slot is four UInt32 (key low, key high, child,
/// value), 16-byte aligned, so a step of a walk reads one cache line. The slots live in
/// `PageMemory` (huge pages for large tries: a walk is a random access per step).
struct EdgeTable: @unchecked Sendable {   // copy-on-write: `memory` is copied before a shared table is changed
    static let emptyHigh = UInt32.max
    private(set) var memory: PageMemory
    private var slots: UnsafeMutablePointer<UInt32>
    private(set) var capacity: Int
    private(set) var count = 0
    private(set) var shift = 60   // 64 - log2(capacity)

    init() {
        (memory, slots) = EdgeTable.emptySlots(16)
        capacity = 16
    }

    /// An empty table that holds `n` edges without growing (at most half full, as `insert` keeps it).
    init(minimumCapacity n: Int) {
        var c = 16
        while n * 2 > c { c *= 2 }
        (memory, slots) = EdgeTable.emptySlots(c)
        capacity = c
        shift = 64 - c.trailingZeroBitCount
    }

    /// A table in `memory` (a mapped image: `capacity` slots of 16 bytes, `count` of them used).
    init(memory: PageMemory, capacity: Int, count: Int) {
        self.memory = memory
        slots = memory.base.bindMemory(to: UInt32.self, capacity: capacity * 4)
        self.capacity = capacity
        self.count = count
        shift = 64 - capacity.trailingZeroBitCount
    }

    private static func emptySlots(_ n: Int) -> (PageMemory, UnsafeMutablePointer<UInt32>) {
        let m = PageMemory(bytes: n * 4 * MemoryLayout<UInt32>.stride)
        let s = m.base.bindMemory(to: UInt32.self, capacity: n * 4)
        for i in 0..<n { s[i * 4 + 1] = emptyHigh }
        return (m, s)
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift)) }

    /// Index of the slot holding `key`, or of the empty slot where it would go.
    @inline(__always) private func index(_ key: UInt64) -> Int {
        let lo = UInt32(truncatingIfNeeded: key), hi = UInt32(truncatingIfNeeded: key >> 32)
        let s = slots, mask = capacity - 1
        var i = slot(key)
        while true {
            let h = s[i &* 4 &+ 1]
            if (h == hi && s[i &* 4] == lo) || h == EdgeTable.emptyHigh { return i }
            i = (i &+ 1) & mask
        }
    }

    @inline(__always) func find(_ key: UInt64) -> (child: Int32, value: Int32)? {
        let i = index(key)
        guard slots[i &* 4 &+ 1] != EdgeTable.emptyHigh else { return nil }
        return (Int32(bitPattern: slots[i &* 4 &+ 2]), Int32(bitPattern: slots[i &* 4 &+ 3]))
    }

    /// Calls `body(key, child, value)` for every edge.
    func forEach(_ body: (UInt64, Int32, Int32) -> Void) {
        for i in 0..<capacity where slots[i * 4 + 1] != EdgeTable.emptyHigh {
            body(UInt64(slots[i * 4 + 1]) << 32 | UInt64(slots[i * 4]), Int32(bitPattern: slots[i * 4 + 2]), Int32(bitPattern: slots[i * 4 + 3]))
        }
    }

    /// Adds the edge `key` → `child` (no entry ends there yet).
    mutating func insert(_ key: UInt64, _ child: Int32, value: Int32 = -1) {
        if (count + 1) * 2 > capacity {
            grow()
        } else {
            makeUnique()
        }
        let hi = UInt32(truncatingIfNeeded: key >> 32)
        precondition(hi != EdgeTable.emptyHigh, "trie too large")
        let i = index(key)
        if slots[i * 4 + 1] == EdgeTable.emptyHigh { count += 1 }
        slots[i * 4] = UInt32(truncatingIfNeeded: key)
        slots[i * 4 + 1] = hi
        slots[i * 4 + 2] = UInt32(bitPattern: child)
        slots[i * 4 + 3] = UInt32(bitPattern: value)
    }

    /// Sets the value of the entry that ends with edge `key` (which exists); true if it had none.
    mutating func setValue(_ key: UInt64, _ value: Int32) -> Bool {
        makeUnique()
        let i = index(key)
        let had = Int32(bitPattern: slots[i * 4 + 3]) >= 0
        slots[i * 4 + 3] = UInt32(bitPattern: value)
        return !had
    }

    private mutating func makeUnique() {
        guard !memory.writable || !isKnownUniquelyReferenced(&memory) else { return }
        let (m, s) = EdgeTable.emptySlots(capacity)
        s.update(from: slots, count: capacity * 4)
        (memory, slots) = (m, s)
    }

    private mutating func grow() {
        let old = self
        (memory, slots) = EdgeTable.emptySlots(capacity * 2)
        capacity *= 2
        shift -= 1
        count = 0
        old.forEach { insert($0, $1, value: $2) }
    }
}
