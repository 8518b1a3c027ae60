// Annotations that give entity strings per document, without offsets (the train gold), become
// tagged spans: each string is marked at every place it occurs, longest strings first, and a
// place already covered by a longer one is left to it.

public enum GoldProjection {
    /// Spans of `entities` (text, type index in `Tags.types`) in `chars` (folded as
    /// `TaggerInput.chars`), non-overlapping. Whitespace in `chars` is skipped when matching (the
    /// gold writes `罗 璐` as `罗璐`) and falls inside the span. Longer strings win; among
    /// strings of one length, the earlier in `entities`.
    public static func spans(in chars: [UInt32], entities: [(text: String, type: Int)]) -> [(type: Int, range: Range<Int>)] {
        // the sentence without whitespace, and where each kept character was
        var kept: [UInt32] = [], at: [Int] = []
        for (i, c) in chars.enumerated() where !isSpace(c) {
            kept.append(c)
            at.append(i)
        }
        let needles = entities.enumerated()
            .map { (order: $0.offset, text: $0.element.text.unicodeScalars.map { Features.fold($0.value) }.filter { !isSpace($0) }, type: $0.element.type) }
            .filter { !$0.text.isEmpty }
            .sorted { ($0.text.count, $1.order) > ($1.text.count, $0.order) }
        var taken = [Bool](repeating: false, count: kept.count)
        var out: [(type: Int, range: Range<Int>)] = []
        for e in needles where e.text.count <= kept.count {
            var i = 0
            while i + e.text.count <= kept.count {
                let r = i..<(i + e.text.count)
                if kept[r].elementsEqual(e.text) && !r.contains(where: { taken[$0] }) {
                    for k in r { taken[k] = true }
                    out.append((e.type, at[r.lowerBound]..<(at[r.upperBound - 1] + 1)))
                    i = r.upperBound
                } else {
                    i += 1
                }
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3000 || c == 0xA0 }
}
