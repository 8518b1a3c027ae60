// The place gazetteer: China's administrative units from province to township, with the short
// forms seen in text (青海, 海西州, 民和县), loaded once into a trie.
import Foundation
import ZhituCore

/// One administrative unit.
public struct PlaceUnit: Sendable {
    public enum Level: UInt8, Sendable, Comparable {
        case province, prefecture, county, township
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }
    public var name: String
    public var level: Level
    /// Index of the enclosing unit, -1 for provinces.
    public var parent: Int32
    public var code: String
}

/// Names and aliases of all units, matched over normalised text.
public struct Gazetteer: Sendable {
    /// How a form names its unit.
    public enum FormKind: UInt8, Sendable { case full, derived, short }
    public struct Form: Sendable {
        public var units: [Int32]
        public var kind: FormKind
    }

    public private(set) var units: [PlaceUnit] = []
    public private(set) var forms: [Form] = []
    /// Form index of every name and alias.
    public private(set) var formIndex: [String: Int] = [:]
    let trie: Trie

    /// Loads the TSV written by scripts/build-gazetteer.py (name, level, parent, code, aliases).
    public init(contentsOf url: URL) throws {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw LexiconError(file: file, line: nil, message: "missing or not UTF-8")
        }
        var units: [PlaceUnit] = []
        var aliases: [(String, Int32, FormKind)] = []
        var n = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            n += 1
            if line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count == 5, let parent = Int32(cols[2]) else {
                throw LexiconError(file: file, line: n, message: "expected name, level, parent, code, aliases")
            }
            let level: PlaceUnit.Level
            switch cols[1] {
            case "P": level = .province
            case "D": level = .prefecture
            case "C": level = .county
            case "T": level = .township
            default: throw LexiconError(file: file, line: n, message: "unknown level \(cols[1])")
            }
            let id = Int32(units.count)
            units.append(PlaceUnit(name: String(cols[0]), level: level, parent: parent, code: String(cols[3])))
            aliases.append((String(cols[0]), id, .full))
            for (i, a) in cols[4].split(separator: ",").enumerated() {
                aliases.append((String(a), id, i == 0 ? .short : .derived))
            }
        }
        if units.isEmpty { throw LexiconError(file: file, line: nil, message: "has no entries") }
        self.init(units: units, aliases: aliases)
    }

    /// Builds from units and (form, unit, kind) triples; used by tests and user gazetteers.
    public init(units: [PlaceUnit], aliases: [(String, Int32, FormKind)]) {
        self.units = units
        var index: [String: Int] = [:]
        var forms: [Form] = []
        for (word, id, kind) in aliases {
            if let f = index[word] {
                forms[f].units.append(id)
                if kind.rawValue < forms[f].kind.rawValue { forms[f].kind = kind }
            } else {
                index[word] = forms.count
                forms.append(Form(units: [id], kind: kind))
            }
        }
        var trie = Trie()
        for (word, f) in index { trie.insert(word, value: Int32(f)) }
        self.forms = forms
        self.formIndex = index
        self.trie = trie
    }

    /// Every form starting at `start`, shortest first, as (end, form index).
    func matches(in text: [Unicode.Scalar], from start: Int, limit: Int) -> [(end: Int, form: Int)] {
        var out: [(Int, Int)] = []
        trie.forEachMatch(in: text, from: start, limit: limit) { out.append(($0, Int($1))) }
        return out
    }

    /// True if `ancestor` encloses `unit` (or is it).
    public func isWithin(_ unit: Int32, _ ancestor: Int32) -> Bool {
        var u = unit
        while u >= 0 {
            if u == ancestor { return true }
            u = units[Int(u)].parent
        }
        return false
    }
}
