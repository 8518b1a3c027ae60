// Places on China's administrative tree: the graph links every place the gazetteer knows to
// the county, prefecture and province enclosing it (IN_DIVISION edges marked provenance=gazetteer,
// not read from the text), so "all places in 甘肃" is one hop in every graph format.
import Foundation

/// The administrative units of a gazetteer TSV (scripts/build-gazetteer.py: name, level
/// P/D/C/T, parent line, code, aliases), indexed by code and by name.
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

    public private(set) var units: [Unit] = []
    private var byCode: [String: Int32] = [:]
    private var byName: [String: [Int32]] = [:]

    static let levels: [Substring: String] = ["P": "province", "D": "prefecture", "C": "county", "T": "township"]

    public init(contentsOf url: URL) throws {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: file), String(validating: data, as: UTF8.self) != nil else {
            throw LexiconError(file: file, line: nil, message: "missing or not UTF-8")
        }
        // Split as bytes: tab and line feed never join a grapheme, so the cuts are those of a
        // String split, without its grapheme breaking over the whole file.
        func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        var n = 0
        var rows: [(Unit, [String])] = []
        rows.reserveCapacity(data.count / 40)
        for line in [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false) {
            n += 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            let cols = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard cols.count == 5, let parent = Int32(text(cols[2])), let level = Self.levels[Substring(text(cols[1]))] else {
                throw LexiconError(file: file, line: n, message: "expected name, level (P/D/C/T), parent, code, aliases")
            }
            rows.append((Unit(name: text(cols[0]), level: level, parent: parent, code: text(cols[3])),
                         cols[4].split(separator: UInt8(ascii: ",")).map(text)))
        }
        if rows.isEmpty { throw LexiconError(file: file, line: nil, message: "has no entries") }
        self.init(rows)
    }

    /// Units with their aliases (short forms); parents are indices into the list.
    public init(_ rows: [(Unit, aliases: [String])]) {
        units = rows.map(\.0)
        byCode.reserveCapacity(rows.count)
        byName.reserveCapacity(rows.count + rows.count / 2)
        // A unit's name and aliases may repeat: units come in order, so a repeat is the last entry.
        func add(_ name: String, _ i: Int32) {
            if byName[name]?.last != i { byName[name, default: []].append(i) }
        }
        for (i, (u, aliases)) in rows.enumerated() {
            let i = Int32(i)
            // A municipality is its own prefecture (上海市 310000 twice): the code names the higher unit.
            if !u.code.isEmpty, byCode[u.code] == nil { byCode[u.code] = i }
            add(u.name, i)
            for name in aliases { add(name, i) }
        }
    }

    /// The unit a place node stands for: by its division code, else by a name (full or short)
    /// that one unit alone has.
    public func unit(code: String?, name: String) -> Int32? {
        if let code, let u = byCode[code] { return u }
        guard let candidates = byName[name] else { return nil }
        // A municipality's province and prefecture units share name and code: one place.
        let distinct = Set(candidates.map { units[Int($0)].code.isEmpty ? "#\($0)" : units[Int($0)].code })
        return distinct.count == 1 ? candidates.first : nil
    }

    /// The units enclosing `u`, nearest first, without repeats of its own name (a municipality's
    /// prefecture unit under its province unit).
    public func ancestors(of u: Int32) -> [Int32] {
        var out: [Int32] = []
        var names: Set<String> = [units[Int(u)].name]
        var p = units[Int(u)].parent
        while p >= 0, out.count < 8 {
            if names.insert(units[Int(p)].name).inserted { out.append(p) }
            p = units[Int(p)].parent
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
            let unit = tree.units[Int(u)]
            if !unit.code.isEmpty { setProperty(id, "code", .string(unit.code)) }
            setProperty(id, "level", .string(unit.level))
            for a in tree.ancestors(of: u) {
                let up = tree.units[Int(a)]
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
