// Candidates of the statistical tagger (`ner` records) merged with the rule spans.
import ZhituCore

extension Builder {
    func mergeNER(in sentence: Int, from: Int) {
        for k in nerInSentence[sentence] {
            let c = ner[k]
            let overlapping = spans[from...].filter { $0.start < c.end && c.start < $0.end }
            // An ORG candidate may swallow the places inside it (青海 in 青海联通).
            let placesInside = c.type == "ORG" && !overlapping.isEmpty
                && overlapping.allSatisfy { $0.kind == .loc && $0.start >= c.start && $0.end < c.end }
            if !overlapping.isEmpty && !placesInside { continue }
            let t = str(c.start..<c.end)
            let n = c.end - c.start
            guard (c.start..<c.end).allSatisfy({ text[$0].isIdeograph || text[$0] == "·" }) else { continue }
            // The tagger's precision differs by type: people are taken when they look like names,
            // places and bodies only with a head word the rules know.
            switch c.type {
            case "PER" where (2...6).contains(n):
                // 马克思主义, 邓小平理论: a name before a doctrine's head names the doctrine, not the person.
                if beforeDoctrine(c.end) { continue }
                let surname = Words.surnames.contains(text[c.start]) || Words.compoundSurnames.contains(String(t.prefix(2)))
                // A famous name is a dictionary word of its own (毛泽东); two-character words are mostly not names.
                let word = words.contains(c.start << 32 | c.end) && n <= 2
                if ((surname && n <= 4 && !word) || n >= 4) && !(n >= 4 && spelledByWords(c.start..<c.end)) {
                    spans.append(Span(kind: .per, start: c.start, end: c.end))
                }
            case "LOC" where n >= 2 && boundary[c.start] && boundary[c.end] && !Words.genericPlacePrefixes.contains(t):
                // A county's short form right after a two-character word is the end of a phrase (科教|兴国).
                if n == 2, c.start >= 2, words.contains((c.start - 2) << 32 | c.start), let f = g.formIndex[t], g.forms.kind(f) == .short,
                   g.forms.units(f).allSatisfy({ g.units.level(Int($0)) >= .county }) { continue }
                if let last = t.unicodeScalars.last, Words.geoSuffixes.contains(last), !res.blockedLOC(t) {
                    spans.append(Span(kind: .loc, start: c.start, end: c.end, fromPattern: true))
                }
            case "ORG" where n >= 4:
                if Words.orgHeads.contains(where: { t.hasSuffix($0) && t.count > $0.count + 1 }) || Words.brandHeads.contains(where: { t.hasSuffix($0) }) {
                    let embedded = overlapping.first { $0.start == c.start }.map { $0.start..<$0.end }
                    if placesInside { spans.removeAll { s in overlapping.contains { $0.start == s.start && $0.end == s.end && s.kind == .loc } } }
                    spans.append(Span(kind: .org, start: c.start, end: c.end, embedded: embedded))
                }
            case "TITLE" where (2...12).contains(n):
                // Posts the title lexicon lacks; like every title, one counts only when held by a name.
                spans.append(Span(kind: .title, start: c.start, end: c.end))
            default: break
            }
        }
    }

    /// Whether `r` is two or more dictionary words end to end (普惠|小微, 海上|维权): a phrase, not a name.
    func spelledByWords(_ r: Range<Int>) -> Bool {
        var i = r.lowerBound, parts = 0
        while i < r.upperBound {
            guard let e = (i + 2...min(i + 4, r.upperBound)).reversed().first(where: { words.contains(i << 32 | $0) }) else { return false }
            i = e
            parts += 1
        }
        return parts >= 2
    }
}
