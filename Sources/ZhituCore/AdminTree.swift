// Places on China's administrative tree: the graph links every place the gazetteer knows to
// the county, prefecture and province enclosing it (IN_DIVISION edges marked provenance=gazetteer,
// not read from the text), so "all places in 甘肃" is one hop in every graph format.
import Foundation

/// The administrative units of a gazetteer TSV (scripts/build-gazetteer.py: name, level
/// P/D/C/T, parent line, code, aliases), indexed by code and by name.
///
/// The tree keeps the file's bytes and indexes them by hashes of the byte slices: a run places
/// a few hundred places, so reading the ~50,000 units into Strings and dictionaries of Strings
/// (about 40 ms, half of a run on one short article with graph outputs) is left to the units a
/// run looks up.
public struct AdminTree: Sendable {
    public struct Unit: Sendable, Equatable {
        public var name: String
        /// province, prefecture, county or township.
        public var level: String
        /// Index of the enclosing unit, -1 for provinces.
        public var parent: Int32
        /// The six-digit division code; empty for townships.
        public var code: String
    }

    /// One unit: where its name and code lie in `bytes`.
    struct Row: Sendable {
        var name: Range<Int32>, code: Range<Int32>
        var parent: Int32
        var level: UInt8
    }

    private let bytes: [UInt8]
    private var rows: [Row] = []
    private var byCode = SliceIndex()
    private var byName = SliceIndex()

    static let levels: [UInt8: String] = [UInt8(ascii: "P"): "province", UInt8(ascii: "D"): "prefecture",
                                          UInt8(ascii: "C"): "county", UInt8(ascii: "T"): "township"]

    public init(contentsOf url: URL) throws {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: file), String(validating: data, as: UTF8.self) != nil else {
            throw LexiconError(file: file, line: nil, message: "missing or not UTF-8")
        }
        // Split as bytes: tab and line feed never join a grapheme, so the cuts are those of a
        // String split, without its grapheme breaking over the whole file.
        bytes = [UInt8](data)
        // Aliases of every unit, flat: unit i's are aliases[aliasStarts[i]..<aliasStarts[i + 1]].
        var aliases: [Range<Int32>] = [], aliasStarts: [Int32] = []
        try bytes.withUnsafeBufferPointer { b in
            var n = 0, lineStart = 0
            rows.reserveCapacity(b.count / 24)
            aliasStarts.reserveCapacity(b.count / 24 + 1)
            var cols: [Range<Int32>] = []
            cols.reserveCapacity(8)
            while lineStart < b.count {
                let lineEnd = b[lineStart...].firstIndex(of: 0x0A) ?? b.count
                defer { lineStart = lineEnd + 1 }
                n += 1
                if lineEnd == lineStart || b[lineStart] == UInt8(ascii: "#") { continue }
                cols.removeAll(keepingCapacity: true)
                var c = lineStart
                for i in lineStart...lineEnd where i == lineEnd || b[i] == 0x09 {
                    cols.append(Int32(c)..<Int32(i))
                    c = i + 1
                }
                guard cols.count == 5, let parent = Self.int(b, cols[2]), cols[1].count == 1, Self.levels[b[Int(cols[1].lowerBound)]] != nil else {
                    throw LexiconError(file: file, line: n, message: "expected name, level (P/D/C/T), parent, code, aliases")
                }
                rows.append(Row(name: cols[0], code: cols[3], parent: parent, level: b[Int(cols[1].lowerBound)]))
                aliasStarts.append(Int32(aliases.count))
                var a = Int(cols[4].lowerBound)
                for i in a...Int(cols[4].upperBound) where i == Int(cols[4].upperBound) || b[i] == UInt8(ascii: ",") {
                    if i > a { aliases.append(Int32(a)..<Int32(i)) }
                    a = i + 1
                }
            }
            aliasStarts.append(Int32(aliases.count))
        }
        if rows.isEmpty { throw LexiconError(file: file, line: nil, message: "has no entries") }
        byCode = SliceIndex(capacity: rows.count)
        byName = SliceIndex(capacity: rows.count + aliases.count)
        bytes.withUnsafeBufferPointer { b in
            for (i, row) in rows.enumerated() {
                let u = Int32(i)
                // A municipality is its own prefecture (上海市 310000 twice): the code names the higher unit.
                if !row.code.isEmpty { byCode.insert(b, row.code, u, unique: true) }
                // A unit's name and aliases may repeat: each unit is listed once per name.
                byName.insert(b, row.name, u, unique: false)
                for a in aliases[Int(aliasStarts[i])..<Int(aliasStarts[i + 1])] { byName.insert(b, a, u, unique: false) }
            }
        }
    }

    /// The decimal integer (optionally negative) in `b[r]`.
    static func int(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int32>) -> Int32? {
        var i = Int(r.lowerBound)
        let negative = i < Int(r.upperBound) && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < Int(r.upperBound), Int(r.upperBound) - i <= 9 else { return nil }
        var v: Int32 = 0
        for k in i..<Int(r.upperBound) {
            guard (0x30...0x39).contains(b[k]) else { return nil }
            v = v * 10 + Int32(b[k] - 0x30)
        }
        return negative ? -v : v
    }

    /// The number of units.
    public var count: Int { rows.count }

    /// Unit `i` (an index from `unit(code:name:)` or `ancestors(of:)`).
    public subscript(_ i: Int32) -> Unit {
        let r = rows[Int(i)]
        return Unit(name: string(r.name), level: Self.levels[r.level]!, parent: r.parent, code: string(r.code))
    }

    private func string(_ r: Range<Int32>) -> String { String(decoding: bytes[Int(r.lowerBound)..<Int(r.upperBound)], as: UTF8.self) }

    /// The unit a place node stands for: by its division code, else by a name (full or short)
    /// that one unit alone has.
    public func unit(code: String?, name: String) -> Int32? {
        bytes.withUnsafeBufferPointer { b in
            if let code, let u = byCode.first(b, Array(code.utf8)) { return u }
            let candidates = byName.all(b, Array(name.utf8))
            guard let first = candidates.first else { return nil }
            // A municipality's province and prefecture units share name and code: one place.
            let distinct = Set(candidates.map { rows[Int($0)].code.isEmpty ? "#\($0)" : string(rows[Int($0)].code) })
            return distinct.count == 1 ? first : nil
        }
    }

    /// The units enclosing `u`, nearest first, without repeats of its own name (a municipality's
    /// prefecture unit under its province unit).
    public func ancestors(of u: Int32) -> [Int32] {
        var out: [Int32] = []
        var names = [rows[Int(u)].name]
        var p = rows[Int(u)].parent
        while p >= 0, out.count < 8 {
            let name = rows[Int(p)].name
            if !names.contains(where: { bytes[Int($0.lowerBound)..<Int($0.upperBound)].elementsEqual(bytes[Int(name.lowerBound)..<Int(name.upperBound)]) }) {
                names.append(name)
                out.append(p)
            }
            p = rows[Int(p)].parent
        }
        return out
    }

    // MARK: The tree a run uses

    private static let lock = NSLock()
    nonisolated(unsafe) private static var source: URL?
    nonisolated(unsafe) private static var loaded: (url: URL, tree: AdminTree)?

    /// Names the gazetteer whose tree graphs are placed on: the entities stage registers the
    /// one it loaded (built-in or the config's `gazetteer`), so the graph agrees with the records.
    public static func register(_ url: URL) {
        lock.lock(); defer { lock.unlock() }
        source = url
    }

    /// The gazetteer used when no entities stage registered one (set once by the stage registry).
    public static func registerDefault(_ url: URL) {
        lock.lock(); defer { lock.unlock() }
        if source == nil { source = url }
    }

    /// The registered tree, loaded on first use; nil when none is registered (a graph built
    /// without the entities stage) or it cannot be read (the stage reported that already).
    public static var current: AdminTree? {
        lock.lock(); defer { lock.unlock() }
        guard let url = source else { return nil }
        if let l = loaded, l.url == url { return l.tree }
        guard let tree = try? AdminTree(contentsOf: url) else { return nil }
        loaded = (url, tree)
        return tree
    }
}

extension GraphAccumulator {
    /// Gives every Place node the gazetteer resolves its code and level, and an IN_DIVISION
    /// edge to each enclosing unit, adding the enclosing places the text does not name as nodes
    /// marked provenance=gazetteer.
    mutating func placeInDivisions(_ tree: AdminTree) {
        var done: Set<String> = []   // node ids placed
        var queue: [(id: String, unit: Int32)] = []
        for n in placeNodes {
            let code: String? = if case .string(let c)? = n.properties["code"] { c } else { nil }
            if let u = tree.unit(code: code, name: n.name) { queue.append((n.id, u)) }
        }
        while let (id, u) = queue.popLast() {
            guard done.insert(id).inserted else { continue }
            let unit = tree[u]
            if !unit.code.isEmpty { setProperty(id, "code", .string(unit.code)) }
            setProperty(id, "level", .string(unit.level))
            for a in tree.ancestors(of: u) {
                let up = tree[a]
                let upID = GraphBuilder.nodeID(type: "Place", name: up.name)
                if !containsNode(upID) {
                    _ = node("Place", up.name, doc: nil, date: nil)
                    setProperty(upID, "provenance", .string("gazetteer"))
                }
                queue.append((upID, a))
                edge(id, upID, "IN_DIVISION", evidence: nil, properties: ["provenance": .string("gazetteer"), "level": .string(up.level)])
            }
        }
    }
}

/// Units by a byte slice of the tree's file (a name or a code): open addressing over 64-bit
/// FNV-1a hashes of the slices, each hit checked against the bytes. Units of one slice are found
/// in the order they were inserted.
struct SliceIndex: Sendable {
    private var hashes: [UInt64] = []
    private var units: [Int32] = []
    private var slices: [Range<Int32>] = []
    private var mask = 0

    init(capacity: Int = 0) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        hashes = Array(repeating: 0, count: n)
        units = Array(repeating: -1, count: n)
        slices = Array(repeating: 0..<0, count: n)
        mask = n - 1
    }

    static func hash<C: Collection>(_ s: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for c in s { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return h
    }

    /// Adds `unit` under the slice `r` of `b`; with `unique`, only if no unit has that slice; a
    /// unit already listed under the slice is not listed again.
    mutating func insert(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int32>, _ unit: Int32, unique: Bool) {
        let slice = b[Int(r.lowerBound)..<Int(r.upperBound)]
        let h = Self.hash(slice)
        var i = Int(truncatingIfNeeded: h) & mask
        while units[i] >= 0 {
            if hashes[i] == h, b[Int(slices[i].lowerBound)..<Int(slices[i].upperBound)].elementsEqual(slice),
               unique || units[i] == unit { return }
            i = (i + 1) & mask
        }
        hashes[i] = h; units[i] = unit; slices[i] = r
    }

    /// The units listed under `key`, in insertion order.
    func all(_ b: UnsafeBufferPointer<UInt8>, _ key: [UInt8]) -> [Int32] {
        guard !hashes.isEmpty else { return [] }
        let h = Self.hash(key)
        var out: [Int32] = []
        var i = Int(truncatingIfNeeded: h) & mask
        while units[i] >= 0 {
            if hashes[i] == h, b[Int(slices[i].lowerBound)..<Int(slices[i].upperBound)].elementsEqual(key) { out.append(units[i]) }
            i = (i + 1) & mask
        }
        return out
    }

    func first(_ b: UnsafeBufferPointer<UInt8>, _ key: [UInt8]) -> Int32? { all(b, key).first }
}
