// A small name list used as a tagger feature: which characters a known name covers, and its
// class. Places (province, prefecture and county names, their short forms and short + generic
// suffix, from admin-divisions.tsv) have no tag; names the training corpus annotates carry
// their type (`name<TAB>PER`). `zhitu train` writes it and it ships with the model, because the
// model's weights were learnt with it. (The full gazetteer lives in the entities stage.)
import Foundation
import ZhituCore

public struct PlaceGazetteer: Sendable {
    let trie: Trie
    public var count: Int { trie.count }

    /// Classes a name can have: untagged (a place), then the tagger's entity types.
    public static let classes = [""] + Tags.types

    /// `names` with their tags (`classes`; a later duplicate wins).
    public init(names: [String], tags: [String]? = nil) {
        var t = Trie()
        for (i, n) in names.enumerated() {
            t.insert(n, value: Int32(tags.flatMap { PlaceGazetteer.classes.firstIndex(of: $0[i]) } ?? 0))
        }
        trie = t
    }

    /// A list already built (the trie of a mapped model file).
    init(trie: Trie) { self.trie = trie }

    public init(contentsOf url: URL) throws {
        let lexicon = try Lexicon(contentsOf: url)
        for (n, e) in lexicon.entries.enumerated() where !PlaceGazetteer.classes.contains(e.tag) {
            throw LexiconError(file: url.lastPathComponent, line: nil,
                               message: "entry \(n + 1) (\(e.word)): unknown tag \"\(e.tag)\" (expected none or one of \(Tags.types.joined(separator: ", ")))")
        }
        self.init(names: lexicon.words, tags: lexicon.entries.map(\.tag))
    }

    /// Per character: 0 outside any name, else position (1 single … 4 end) | length bucket << 3
    /// | class << 5, from greedy longest matches left to right.
    public func marks(_ chars: [UInt32]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: chars.count)
        if trie.count == 0 { return out }
        let scalars = chars.map { Unicode.Scalar($0) ?? " " }
        var i = 0
        while i < scalars.count {
            guard trie.mayStart(with: scalars[i]), let m = trie.longestMatch(in: scalars, from: i), m.end > i else { i += 1; continue }
            let len = m.end - i
            let bucket = UInt8(min(len, 4)) << 3 | UInt8(m.value) << 5
            for k in i..<m.end { out[k] = (len == 1 ? 1 : (k == i ? 2 : (k == m.end - 1 ? 4 : 3))) | bucket }
            i = m.end
        }
        return out
    }

    /// Names from admin-divisions.tsv (columns id, name, short, code, level, parent_id), province to county.
    public static func derive(fromAdminDivisions tsv: String) -> [String] {
        var names = Set<String>()
        let suffixes = [("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"), ("地区", "地区"), ("盟", "盟")]
        for line in tsv.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 5, ["province", "prefecture", "county"].contains(cols[4]) else { continue }
            let name = cols[1], short = cols[2]
            if name.count >= 2 { names.insert(name) }
            guard short.count >= 2 else { continue }
            names.insert(short)
            for (full, generic) in suffixes where name.hasSuffix(full) { names.insert(short + generic) }
        }
        return names.sorted()
    }

    /// Entity names of the training sentences, each with its most frequent type: 2+ characters
    /// without whitespace, annotated at least `minCount` times.
    public static func names(annotatedIn data: [TaggedSentence], minCount: Int = 1) -> (names: [String], tags: [String]) {
        var counts: [String: [Int]] = [:]
        for s in data {
            // a name written with spaces (a spaced byline) cannot be a list entry
            for span in Tags.decode(s.tags) where span.range.count >= 2 && !span.range.contains(where: { GoldProjection.isSpace(s.input.chars[$0]) }) {
                let name = String(String.UnicodeScalarView(span.range.compactMap { Unicode.Scalar(s.input.chars[$0]) }))
                counts[name, default: Array(repeating: 0, count: Tags.types.count)][span.type] += 1
            }
        }
        let kept = counts.filter { $0.value.reduce(0, +) >= minCount }.sorted { $0.key < $1.key }
        func majority(_ c: [Int]) -> String { Tags.types[c.indices.max { a, b in (c[a], b) < (c[b], a) }!] }
        return (kept.map(\.key), kept.map { majority($0.value) })
    }
}
