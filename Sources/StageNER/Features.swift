// Feature extraction for the character tagger: each character of a sentence gets a fixed
// number of hashed features from the characters around it, the ICU token it sits in, and the
// character classes of its neighbours. The same code serves training and tagging.

/// One sentence prepared for tagging: folded characters and the ICU tokens over them.
public struct TaggerInput: Sendable {
    /// Scalar values with full-width letters and digits folded to ASCII.
    public var chars: [UInt32]
    /// Token ranges relative to the sentence start, ordered and non-overlapping.
    public var tokens: [Range<Int>]
    /// Place-name marks per character (`PlaceGazetteer.marks`), or empty.
    public var places: [UInt8]

    public init(chars: [UInt32], tokens: [Range<Int>], places: [UInt8] = []) {
        self.chars = chars
        self.tokens = tokens
        self.places = places
    }

    /// A sentence of `text` with document `tokens` (absolute offsets) of that sentence.
    public init<S: Collection>(text: ArraySlice<Unicode.Scalar>, tokens docTokens: S, gazetteer: PlaceGazetteer? = nil) where S.Element == Range<Int> {
        let base = text.startIndex
        chars = text.map { Features.fold($0.value) }
        tokens = docTokens.compactMap { r in
            let a = max(r.lowerBound, base) - base, b = min(r.upperBound, text.endIndex) - base
            return a < b ? a..<b : nil
        }
        places = gazetteer?.marks(chars) ?? []
    }
}

/// Character classes used as features.
public enum CharClass: UInt8, Sendable {
    case digit = 1, latin, chineseNumeral, cjk, punct, space, other

    public static func of(_ v: UInt32) -> CharClass {
        switch v {
        case 0x30...0x39: return .digit
        case 0x41...0x5A, 0x61...0x7A: return .latin
        case 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
             0x767E, 0x5343, 0x4E07, 0x4EBF, 0x96F6, 0x4E24:
            return .chineseNumeral // 〇一二三四五六七八九十百千万亿零两
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return .cjk
        case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xA0: return .space
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E, 0x2000...0x206F, 0x3001...0x303F, 0xFF00...0xFF65:
            return .punct
        default: return .other
        }
    }
}

public enum Features {
    /// Features per character (the width of the feature matrix).
    public static let count = 20

    /// Full-width ASCII letters and digits → ASCII (as the normalize stage does).
    @inline(__always) public static func fold(_ v: UInt32) -> UInt32 {
        if (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v) || (0xFF41...0xFF5A).contains(v) { return v - 0xFEE0 }
        return v
    }

    /// Hash of a template or prefix `h` extended by `v`: `h` is scrambled before `v` joins, so
    /// (h, v) pairs never collide by construction (the xor of two templates is not a character).
    @inline(__always) static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = h &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019
        x ^= x >> 29
        x = (x ^ v) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 32
        x = x &* 0x94D0_49BB_1331_11EB
        x ^= x >> 29
        return x
    }

    /// Padding values outside the sentence.
    static let before: UInt32 = 0x110001, after: UInt32 = 0x110002

    /// Token position of a character: 1 single, 2 begin, 3 inside, 4 end, 0 no token.
    static func tokenPositions(_ input: TaggerInput) -> (pos: [UInt8], len: [UInt8], word: [UInt64]) {
        let n = input.chars.count
        var pos = [UInt8](repeating: 0, count: n)
        var len = [UInt8](repeating: 0, count: n)
        var word = [UInt64](repeating: 0, count: n)
        for t in input.tokens where t.upperBound <= n {
            let l = t.count
            var h: UInt64 = 0xA5A5
            if l <= 6 { for i in t { h = mix(h, UInt64(input.chars[i])) } } else { h = 0x5A5A }
            for i in t {
                pos[i] = l == 1 ? 1 : (i == t.lowerBound ? 2 : (i == t.upperBound - 1 ? 4 : 3))
                len[i] = UInt8(min(l, 5))
                word[i] = h
            }
        }
        return (pos, len, word)
    }

    /// The feature keys of every character, `count` per character, row-major.
    public static func extract(_ input: TaggerInput, into out: inout [UInt64]) {
        let n = input.chars.count
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(n * count)
        let (pos, len, word) = tokenPositions(input)
        input.chars.withUnsafeBufferPointer { c in
            @inline(__always) func ch(_ i: Int) -> UInt64 { UInt64(i < 0 ? before : (i >= n ? after : c[i])) }
            @inline(__always) func cl(_ i: Int) -> UInt64 { i < 0 || i >= n ? 0 : UInt64(CharClass.of(c[i]).rawValue) }
            let hasPlaces = input.places.count == n
            @inline(__always) func ps(_ i: Int) -> UInt64 { i < 0 || i >= n ? 7 : UInt64(pos[i]) }
            for i in 0..<n {
                let cm2 = ch(i - 2), cm1 = ch(i - 1), c0 = ch(i), cp1 = ch(i + 1), cp2 = ch(i + 2)
                out.append(1)
                out.append(mix(2, cm2))
                out.append(mix(3, cm1))
                out.append(mix(4, c0))
                out.append(mix(5, cp1))
                out.append(mix(6, cp2))
                out.append(mix(mix(7, cm2), cm1))
                out.append(mix(mix(8, cm1), c0))
                out.append(mix(mix(9, c0), cp1))
                out.append(mix(mix(10, cp1), cp2))
                out.append(mix(12, cl(i - 1) << 16 | cl(i) << 8 | cl(i + 1)))
                out.append(mix(13, UInt64(pos[i]) << 8 | UInt64(len[i])))
                out.append(mix(mix(14, UInt64(pos[i])), c0))
                out.append(mix(mix(15, UInt64(pos[i])), word[i]))
                out.append(mix(16, ps(i - 1) << 16 | UInt64(pos[i]) << 8 | ps(i + 1)))
                out.append(mix(mix(mix(17, cm1), c0), cp1))
                let place = hasPlaces ? UInt64(input.places[i]) : 0
                out.append(mix(18, place))
                out.append(mix(19, place << 8 | UInt64(pos[i])))
                out.append(mix(mix(mix(20, cm2), cm1), c0))
                out.append(mix(mix(mix(21, c0), cp1), cp2))
            }
        }
    }
}
