// BMES tags for PER/LOC/ORG and conversions between tag sequences and typed spans.

public enum Tags {
    /// Entity types in tag order.
    public static let types = ["PER", "LOC", "ORG"]
    /// O, then B/M/E/S for each type.
    public static let count = 1 + 4 * types.count

    public static func begin(_ type: Int) -> UInt8 { UInt8(1 + 4 * type) }
    public static func middle(_ type: Int) -> UInt8 { UInt8(2 + 4 * type) }
    public static func end(_ type: Int) -> UInt8 { UInt8(3 + 4 * type) }
    public static func single(_ type: Int) -> UInt8 { UInt8(4 + 4 * type) }

    /// 0 outside, 1 begin, 2 middle, 3 end, 4 single.
    @inline(__always) static func position(_ tag: Int) -> Int { tag == 0 ? 0 : (tag - 1) % 4 + 1 }
    @inline(__always) static func type(_ tag: Int) -> Int { (tag - 1) / 4 }

    public static func name(_ tag: UInt8) -> String {
        tag == 0 ? "O" : ["B", "M", "E", "S"][position(Int(tag)) - 1] + "-" + types[type(Int(tag))]
    }

    /// Whether `b` may follow `a` (`a == nil`: sentence start).
    public static func allowed(_ a: Int?, _ b: Int) -> Bool {
        let pa = a.map(position) ?? 0, pb = position(b)
        if pa == 1 || pa == 2 { return (pb == 2 || pb == 3) && type(a!) == type(b) }
        return pb == 0 || pb == 1 || pb == 4
    }

    /// Whether a sentence may end on `tag`.
    public static func canEnd(_ tag: Int) -> Bool { let p = position(tag); return p == 0 || p == 3 || p == 4 }

    /// Tags for `spans` (type index, range) over `length` characters; overlapping spans after the first are dropped.
    public static func encode(_ spans: [(type: Int, range: Range<Int>)], length: Int) -> [UInt8] {
        var tags = [UInt8](repeating: 0, count: length)
        for s in spans where s.range.lowerBound >= 0 && s.range.upperBound <= length && !s.range.isEmpty {
            guard s.range.allSatisfy({ tags[$0] == 0 }) else { continue }
            if s.range.count == 1 { tags[s.range.lowerBound] = single(s.type); continue }
            for i in s.range { tags[i] = middle(s.type) }
            tags[s.range.lowerBound] = begin(s.type)
            tags[s.range.upperBound - 1] = end(s.type)
        }
        return tags
    }

    /// Spans of a well-formed tag sequence (ill-formed runs are read leniently).
    public static func decode(_ tags: [UInt8]) -> [(type: Int, range: Range<Int>)] {
        var spans: [(type: Int, range: Range<Int>)] = []
        var open: (type: Int, start: Int)?
        for (i, t) in tags.enumerated() {
            let p = position(Int(t))
            switch p {
            case 1: open = (type(Int(t)), i)
            case 2: if let o = open, o.type != type(Int(t)) { open = nil }
            case 3:
                if let o = open, o.type == type(Int(t)) { spans.append((o.type, o.start..<(i + 1))) }
                open = nil
            case 4: spans.append((type(Int(t)), i..<(i + 1))); open = nil
            default: open = nil
            }
        }
        return spans
    }
}
