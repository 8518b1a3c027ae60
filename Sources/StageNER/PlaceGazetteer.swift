// A small place-name list (province, prefecture and county names, their short forms and
// short + generic suffix) used as a tagger feature: which characters a known name covers.
// It is derived from admin-divisions.tsv by `zhitu train` and shipped with the model, because
// the model's weights were learnt with it. (The full gazetteer lives in the entities stage.)
import Foundation
import ZhituCore

public struct PlaceGazetteer: Sendable {
    let trie: Trie
    public var count: Int { trie.count }

    public init(names: [String]) {
        trie = Trie(names)
    }

    public init(contentsOf url: URL) throws {
        self.init(names: try Lexicon(contentsOf: url).words)
    }

    /// Per character: 0 outside any name, else position (1 single … 4 end) | length bucket << 3,
    /// from greedy longest matches left to right.
    public func marks(_ chars: [UInt32]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: chars.count)
        if trie.count == 0 { return out }
        let scalars = chars.map { Unicode.Scalar($0) ?? " " }
        var i = 0
        while i < scalars.count {
            guard trie.mayStart(with: scalars[i]), let m = trie.longestMatch(in: scalars, from: i), m.end > i else { i += 1; continue }
            let len = m.end - i
            let bucket = UInt8(min(len, 4)) << 3
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
}
