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
    /// A form's units (a view of the flat list: reading a form allocates nothing) and kind.
    public struct Form: Sendable {
        public let units: ArraySlice<Int32>
        public let kind: FormKind
    }

    /// The units in flat arrays (names and codes in one UTF-8 blob), decoded on access: 46k
    /// units as structs of Strings cost more to build than a whole short run.
    public struct Units: RandomAccessCollection, Sendable {
        let levels: [UInt8]
        let parents: [Int32]
        /// Unit `i`'s name is `text[bounds[2i]..<bounds[2i+1]]`, its code up to `bounds[2i+2]`.
        let bounds: [UInt32]
        let text: [UInt8]
        public var startIndex: Int { 0 }
        public var endIndex: Int { levels.count }
        public subscript(_ i: Int) -> PlaceUnit {
            PlaceUnit(name: name(i), level: level(i), parent: parents[i], code: string(2 * i + 1))
        }
        public func level(_ i: Int) -> PlaceUnit.Level { PlaceUnit.Level(rawValue: levels[i])! }
        public func parent(_ i: Int) -> Int32 { parents[i] }
        public func name(_ i: Int) -> String { string(2 * i) }
        private func string(_ b: Int) -> String {
            text[Int(bounds[b])..<Int(bounds[b + 1])].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Every form's kind and units, flat: form `f`'s units are `units[bounds[f]..<bounds[f+1]]`.
    public struct Forms: RandomAccessCollection, Sendable {
        let kinds: [UInt8]
        let bounds: [UInt32]
        let unitList: [Int32]
        public var startIndex: Int { 0 }
        public var endIndex: Int { kinds.count }
        public subscript(_ f: Int) -> Form { Form(units: units(f), kind: kind(f)) }
        public func kind(_ f: Int) -> FormKind { FormKind(rawValue: kinds[f])! }
        public func units(_ f: Int) -> ArraySlice<Int32> { unitList[Int(bounds[f])..<Int(bounds[f + 1])] }
    }

    public let units: Units
    public let forms: Forms
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
        try self.init(tsv: data, file: file)
    }

    /// The gazetteer of TSV bytes `data` (`file` names it in errors).
    init(tsv data: Data, file: String) throws {
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
        var bounds: [UInt32] = [0], text: [UInt8] = []
        bounds.reserveCapacity(2 * units.count + 1)
        for u in units {
            text += u.name.utf8
            bounds.append(UInt32(text.count))
            text += u.code.utf8
            bounds.append(UInt32(text.count))
        }
        self.units = Units(levels: units.map(\.level.rawValue), parents: units.map(\.parent), bounds: bounds, text: text)
        var trie = Trie(reservingEdges: aliases.reduce(0) { $0 + $1.0.unicodeScalars.count }, entries: aliases.count)
        var forms: [(units: [Int32], kind: FormKind)] = []
        forms.reserveCapacity(aliases.count)
        for (word, id, kind) in aliases {
            if let f = trie.value(of: word).map(Int.init) {
                forms[f].units.append(id)
                if kind.rawValue < forms[f].kind.rawValue { forms[f].kind = kind }
            } else {
                trie.insert(word, value: Int32(forms.count))
                forms.append(([id], kind))
            }
        }
        var formBounds: [UInt32] = [0]
        formBounds.reserveCapacity(forms.count + 1)
        for f in forms { formBounds.append(formBounds.last! + UInt32(f.units.count)) }
        self.forms = Forms(kinds: forms.map(\.kind.rawValue), bounds: formBounds, unitList: forms.flatMap(\.units))
        self.trie = trie
    }

    init(units: Units, forms: Forms, trie: Trie) {
        self.units = units
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
            u = units.parent(Int(u))
        }
        return false
    }
}
