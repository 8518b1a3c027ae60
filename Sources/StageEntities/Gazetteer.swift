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
    /// Form index of every name and alias: `formIndex[name]`, looked up in the trie (a
    /// Dictionary of 100k names cost more to build than the rest of the gazetteer).
    public struct FormIndex: Sendable {
        let trie: Trie
        public subscript(_ name: String) -> Int? { trie.value(of: name).map(Int.init) }
    }
    public var formIndex: FormIndex { FormIndex(trie: trie) }
    let trie: Trie

    /// Loads the TSV written by scripts/build-gazetteer.py (name, level, parent, code, aliases).
    public init(contentsOf url: URL) throws {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: file), String(validating: data, as: UTF8.self) != nil else {
            throw LexiconError(file: file, line: nil, message: "missing or not UTF-8")
        }
        var units: [PlaceUnit] = []
        var aliases: [(String, Int32, FormKind)] = []
        units.reserveCapacity(data.count / 24)
        aliases.reserveCapacity(data.count / 12)
        // Split as bytes (tab and line feed never join a grapheme, so the cuts are those of a
        // String split, at a fraction of the cost: this file is most of the stage's start-up).
        try [UInt8](data).withUnsafeBufferPointer { all in
            func string(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> String { String(decoding: b, as: UTF8.self) }
            var n = 0
            for line in all.split(separator: 0x0A, omittingEmptySubsequences: true) {
                n += 1
                if line.first == 0x23 { continue }   // `#`
                let cols = line.split(separator: 0x09, omittingEmptySubsequences: false)
                guard cols.count == 5, let parent = Int32(string(cols[2])) else {
                    throw LexiconError(file: file, line: n, message: "expected name, level, parent, code, aliases")
                }
                let level: PlaceUnit.Level
                switch cols[1].count == 1 ? cols[1].first! : 0 {
                case UInt8(ascii: "P"): level = .province
                case UInt8(ascii: "D"): level = .prefecture
                case UInt8(ascii: "C"): level = .county
                case UInt8(ascii: "T"): level = .township
                default: throw LexiconError(file: file, line: n, message: "unknown level \(string(cols[1]))")
                }
                let id = Int32(units.count)
                let name = string(cols[0])
                units.append(PlaceUnit(name: name, level: level, parent: parent, code: string(cols[3])))
                aliases.append((name, id, .full))
                for (i, a) in cols[4].split(separator: 0x2C).enumerated() {   // `,`
                    aliases.append((string(a), id, i == 0 ? .short : .derived))
                }
            }
        }
        if units.isEmpty { throw LexiconError(file: file, line: nil, message: "has no entries") }
        self.init(units: units, aliases: aliases)
    }

    /// Builds from units and (form, unit, kind) triples; used by tests and user gazetteers.
    public init(units: [PlaceUnit], aliases: [(String, Int32, FormKind)]) {
        self.units = units
        var trie = Trie()
        var forms: [Form] = []
        forms.reserveCapacity(aliases.count)
        for (word, id, kind) in aliases {
            if let f = trie.value(of: word).map(Int.init) {
                forms[f].units.append(id)
                if kind.rawValue < forms[f].kind.rawValue { forms[f].kind = kind }
            } else {
                trie.insert(word, value: Int32(forms.count))
                forms.append(Form(units: [id], kind: kind))
            }
        }
        self.forms = forms
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
