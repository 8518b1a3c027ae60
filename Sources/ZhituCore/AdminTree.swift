// Places on China's administrative tree: the graph links every place the gazetteer knows to
// the county, prefecture and province enclosing it (IN_DIVISION edges marked provenance=gazetteer,
// not read from the text), so "all places in 甘肃" is one hop in every graph format.
import Foundation

/// The administrative units of a gazetteer TSV (scripts/build-gazetteer.py: name, level
/// P/D/C/T, parent line, code, aliases), indexed by code and by name.
///
/// The tree keeps the names, codes and aliases of the file as one byte string and indexes them by
/// hashes of the byte slices: a run places a few hundred places, so reading the ~50,000 units into
/// Strings and dictionaries of Strings (about 40 ms, half of a run on one short article with graph
/// outputs) is left to the units a run looks up. Every table is a flat array, so a tree compiled
/// once is mapped from its image (AdminTreeImage.swift) instead of parsed and indexed again.
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

    /// Names, codes and aliases of every unit, back to back (UTF-8).
    let text: FlatArray<UInt8>
    /// Unit u's name is `text[names[2u]..<names[2u + 1]]`, its code likewise (empty for townships).
    let names: FlatArray<Int32>, codes: FlatArray<Int32>
    /// Per unit: the enclosing unit (-1 for provinces) and the TSV's level letter.
    let parents: FlatArray<Int32>, levels: FlatArray<UInt8>
    let byCode: SliceIndex, byName: SliceIndex

    static let levelNames: [UInt8: String] = [UInt8(ascii: "P"): "province", UInt8(ascii: "D"): "prefecture",
                                              UInt8(ascii: "C"): "county", UInt8(ascii: "T"): "township"]

    init(text: FlatArray<UInt8>, names: FlatArray<Int32>, codes: FlatArray<Int32>, parents: FlatArray<Int32>,
         levels: FlatArray<UInt8>, byCode: SliceIndex, byName: SliceIndex) {
        self.text = text; self.names = names; self.codes = codes; self.parents = parents; self.levels = levels
        self.byCode = byCode; self.byName = byName
    }

    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LexiconError(file: url.path, line: nil, message: "missing or not UTF-8")
        }
        try self.init(tsv: [UInt8](data), file: url.path)
    }

    /// The tree of the TSV bytes `b`; `file` names them in errors.
    init(tsv b: [UInt8], file: String) throws {
        guard String(validating: b, as: UTF8.self) != nil else { throw LexiconError(file: file, line: nil, message: "missing or not UTF-8") }
        guard b.count < Int(Int32.max) else { throw LexiconError(file: file, line: nil, message: "is over 2 GB") }
        let t = try b.withUnsafeBufferPointer { try AdminTreeColumns.read($0, file: file) }
        if t.parents.isEmpty { throw LexiconError(file: file, line: nil, message: "has no entries") }
        var byCode = SliceIndex.Builder(capacity: t.parents.count)
        var byName = SliceIndex.Builder(capacity: t.parents.count + t.aliases.count)
        t.text.withUnsafeBufferPointer { text in
            for i in t.parents.indices {
                let u = Int32(i)
                // A municipality is its own prefecture (上海市 310000 twice): the code names the higher unit.
                if t.codes[2 * i] < t.codes[2 * i + 1] { byCode.insert(text, t.codes[2 * i]..<t.codes[2 * i + 1], u, unique: true) }
                // A unit's name and aliases may repeat: each unit is listed once per name.
                byName.insert(text, t.names[2 * i]..<t.names[2 * i + 1], u, unique: false)
                for a in t.aliases[Int(t.aliasStarts[i])..<Int(t.aliasStarts[i + 1])] { byName.insert(text, a, u, unique: false) }
            }
        }
        self.init(text: FlatArray(t.text), names: FlatArray(t.names), codes: FlatArray(t.codes), parents: FlatArray(t.parents),
                  levels: FlatArray(t.levels), byCode: byCode.index, byName: byName.index)
    }

    /// The number of units.
    public var count: Int { parents.count }

    /// Unit `i` (an index from `unit(code:name:)` or `ancestors(of:)`).
    public subscript(_ i: Int32) -> Unit {
        let u = Int(i)
        guard let level = Self.levelNames[levels[u]] else { preconditionFailure("unit \(u) has no level (a damaged image?)") }
        return Unit(name: string(names, u), level: level, parent: parents[u], code: string(codes, u))
    }

    /// Unit `u`'s bytes of `bounds` (`names` or `codes`).
    private func bytes(_ bounds: FlatArray<Int32>, _ u: Int) -> UnsafeBufferPointer<UInt8> { text.slice(bounds[2 * u], bounds[2 * u + 1]) }

    private func string(_ bounds: FlatArray<Int32>, _ u: Int) -> String { String(decoding: bytes(bounds, u), as: UTF8.self) }

    /// The unit a place node stands for: by its division code, else by a name (full or short)
    /// that one unit alone has.
    public func unit(code: String?, name: String) -> Int32? {
        if let code, let u = byCode.first(text, Array(code.utf8)) { return u }
        let candidates = byName.all(text, Array(name.utf8))
        guard let first = candidates.first else { return nil }
        // A municipality's province and prefecture units share name and code: one place.
        let distinct = Set(candidates.map { bytes(codes, Int($0)).isEmpty ? "#\($0)" : string(codes, Int($0)) })
        return distinct.count == 1 ? first : nil
    }

    /// The units enclosing `u`, nearest first, without repeats of its own name (a municipality's
    /// prefecture unit under its province unit).
    public func ancestors(of u: Int32) -> [Int32] {
        var out: [Int32] = []
        var seen = [bytes(names, Int(u))]
        var p = parents[Int(u)]
        while p >= 0, out.count < 8 {
            let name = bytes(names, Int(p))
            if !seen.contains(where: { $0.elementsEqual(name) }) {
                seen.append(name)
                out.append(p)
            }
            p = parents[Int(p)]
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

    /// The registered tree, loaded on first use (mapped from its image when one beside the TSV
    /// matches it, see `load`); nil when none is registered (a graph built without the entities
    /// stage) or it cannot be read (the stage reported that already).
    public static var current: AdminTree? {
        lock.lock(); defer { lock.unlock() }
        guard let url = source else { return nil }
        if let l = loaded, l.url == url { return l.tree }
        guard let tree = load(url) else { return nil }
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
