// Lexicon formulations and place-branded goals (平安青海, 建设更高水平的平安青海, 社会主义新西藏),
// matched in the text whether quoted or not.
import ZhituCore

extension SloganRules {
    /// Lexicon matches and place-branded goals (平安+place, 建设更高水平的平安+place).
    public func lexiconMatches(_ t: [Unicode.Scalar], _ b: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = b.lowerBound
        while i < b.upperBound {
            if let m = lexicon.longestMatch(in: t, from: i, limit: b.upperBound) {
                // A list formula must not be the start or middle of a longer list.
                let isList = t[i..<m.end].contains("、")
                let inList = isList && ((i > b.lowerBound && t[i - 1] == "、") || (m.end < b.upperBound && t[m.end] == "、"))
                if !inList { out.append(i..<m.end) }
                i = m.end
                continue
            }
            if Self.brandStarts.contains(t[i]), let brand = t.prefixMatch(Self.placeBrands, at: i),
               brand != "新" || isNewGoal(t, i, b) {
                let s = i + brand.unicodeScalars.count
                // The place may follow a 新 (美丽新+place): the longest reading wins, so that
                // 美丽新+province is not read as 美丽+a county named 新….
                var end = 0
                for lead in [0, 1] where s + lead < b.upperBound && (lead == 0 || t[s] == "新") && placeStarts.contains(t[s + lead]) {
                    for len in 2...4 where s + lead + len <= b.upperBound && s + lead + len > end {
                        let name = t.string((s + lead)..<(s + lead + len))
                        // brand+中国 (平安中国), but 新中国 is the state's name, not a goal
                        if places.contains(name) || name == "中国" && brand != "新" { end = s + lead + len }
                    }
                }
                if end > 0, brand != "新" || end >= b.upperBound || t[end] != "·" {
                    // The long goal form (建设更高水平的平安青海) is recorded instead of the short one.
                    var start = i
                    for lead in Self.goalLeads {
                        let n = lead.unicodeScalars.count
                        if i - n >= b.lowerBound, t.hasPrefix(lead, at: i - n) { start = i - n; break }
                    }
                    out.append(start..<end)
                    i = end
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// 新+place is a goal (建设新福建, 社会主义新西藏) after a verb of building, a modifier or a
    /// break, not inside a word (创新) or a paper's name (新甘肃·…).
    func isNewGoal(_ t: [Unicode.Scalar], _ i: Int, _ b: Range<Int>) -> Bool {
        guard i > b.lowerBound else { return true }
        let p = t[i - 1]
        return !Chars.isHan(p) && p != "(" && p != "（" || p == "的" || p == "设" || p == "化" || p == "义"
    }
}
