// B/M/E tags for PER/LOC/ORG/TITLE and conversions between tag sequences and typed spans.
// A one-character span is a lone B (a B not followed by M or E of its type): with four types,
// O + 3 × 4 = 13 tags, so a row of tag weights still fits the model's 16-byte rows (13 int8
// weights, a shift and 16 key bits), where B/M/E/S would need 17.

public enum Tags {
    /// Entity types in tag order.
    public static let types = ["PER", "LOC", "ORG", "TITLE"]
    /// O, then B/M/E for each type.
    public static let count = 1 + 3 * types.count

    public static func begin(_ type: Int) -> UInt8 { UInt8(1 + 3 * type) }
    public static func middle(_ type: Int) -> UInt8 { UInt8(2 + 3 * type) }
    public static func end(_ type: Int) -> UInt8 { UInt8(3 + 3 * type) }

    /// 0 outside, 1 begin (or a whole one-character span), 2 middle, 3 end.
    @inline(__always) static func position(_ tag: Int) -> Int { tag == 0 ? 0 : (tag - 1) % 3 + 1 }
    @inline(__always) static func type(_ tag: Int) -> Int { (tag - 1) / 3 }

    public static func name(_ tag: UInt8) -> String {
        tag == 0 ? "O" : ["B", "M", "E"][position(Int(tag)) - 1] + "-" + types[type(Int(tag))]
    }

    /// Whether `b` may follow `a` (`a == nil`: sentence start). After B any tag may come (a lone
    /// B is a one-character span), but M and E only of B's type; after M only M or E of its type.
    public static func allowed(_ a: Int?, _ b: Int) -> Bool {
        let pa = a.map(position) ?? 0, pb = position(b)
        if pb == 2 || pb == 3 { return (pa == 1 || pa == 2) && type(a!) == type(b) }
        return pa != 2
    }

    /// Whether a sentence may end on `tag`.
    public static func canEnd(_ tag: Int) -> Bool { position(tag) != 2 }

    /// Tags for `spans` (type index, range) over `length` characters; overlapping spans after the first are dropped.
    public static func encode(_ spans: [(type: Int, range: Range<Int>)], length: Int) -> [UInt8] {
        var tags = [UInt8](repeating: 0, count: length)
        for s in spans where s.range.lowerBound >= 0 && s.range.upperBound <= length && !s.range.isEmpty {
            guard s.range.allSatisfy({ tags[$0] == 0 }) else { continue }
            for i in s.range { tags[i] = middle(s.type) }
            tags[s.range.upperBound - 1] = end(s.type)
            tags[s.range.lowerBound] = begin(s.type)
        }
        return tags
    }

    /// Spans of a well-formed tag sequence (ill-formed runs are read leniently).
    public static func decode(_ tags: [UInt8]) -> [(type: Int, range: Range<Int>)] {
        var spans: [(type: Int, range: Range<Int>)] = []
        var open: (type: Int, start: Int, inner: Bool)?   // inner: an M or E has followed the B
        func closeLone() { if let o = open, !o.inner { spans.append((o.type, o.start..<(o.start + 1))) } }
        for (i, t) in tags.enumerated() {
            let p = position(Int(t)), k = p == 0 ? -1 : type(Int(t))
            switch p {
            case 1: closeLone(); open = (k, i, false)
            case 2: if let o = open, o.type == k { open!.inner = true } else { closeLone(); open = nil }
            case 3:
                if let o = open, o.type == k { spans.append((k, o.start..<(i + 1))) } else { closeLone() }
                open = nil
            default: closeLone(); open = nil
            }
        }
        closeLone()
        return spans
    }
}
