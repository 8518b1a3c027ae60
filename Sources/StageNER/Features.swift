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
    /// Features per character (the width of the feature matrix): `singles`, then one per slot of
    /// each n-gram kind.
    public static let count = 20
    /// Features of a character that are not character n-grams: bias, classes, token shape, word,
    /// place marks.
    public static let singles = 8

    /// Character n-grams of length 1, 2 and 3 around the tagged character. An n-gram has one
    /// slot per position it can take relative to the character: slot `s` is the n-gram that
    /// starts `s - 2` characters from it (unigrams −2…+2, bigrams −2…+1, trigrams −2…0), so one
    /// n-gram at position `j` feeds characters `j + 2 - s`. The model stores an n-gram's slots
    /// together: one look-up serves every character it touches.
    public static let gramSlots = [5, 4, 3]
    /// The feature index (template) of each kind's slot 0.
    public static let firstSlot = [8, 13, 17]

    /// The n-gram kind of template `f`, or nil for a single feature.
    public static func gramKind(ofTemplate f: Int) -> Int? {
        f < singles ? nil : (f < firstSlot[1] ? 0 : (f < firstSlot[2] ? 1 : 2))
    }

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

    /// The feature key of slot template `f` of the n-gram with key `gram`.
    @inline(__always) static func slotKey(_ gram: UInt64, template f: Int) -> UInt64 { mix(gram, UInt64(0x100 + f)) }

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

    /// The single templates that take few values (bias, character classes, token shape,
    /// neighbours' token positions, place marks), and how many values each takes. The model
    /// holds their rows in a dense array indexed by value: no hashing, no probing.
    public static let small = [0, 1, 2, 5, 6, 7]
    public static let smallSizes = [1, 512, 64, 512, 256, 2048]
    /// The other single templates (position × character, position × word), hashed.
    public static let large = [3, 4]

    /// The feature key of value `v` of small template `small[s]`.
    @inline(__always) static func smallKey(_ s: Int, _ v: Int) -> UInt64 { s == 0 ? 1 : mix(UInt64(0x200 + s), UInt64(v)) }

    /// Per character, the values of the small templates (`small.count` each) and the keys of
    /// the large ones (`large.count` each), row-major.
    public static func extractSingles(_ input: TaggerInput, values: inout [UInt16], keys: inout [UInt64]) {
        let n = input.chars.count
        values.removeAll(keepingCapacity: true)
        values.reserveCapacity(n * small.count)
        keys.removeAll(keepingCapacity: true)
        keys.reserveCapacity(n * large.count)
        let (pos, len, word) = tokenPositions(input)
        // each character's class once (padded with 0 on both sides), not three times
        var classes = [UInt16](repeating: 0, count: n + 2)
        input.chars.withUnsafeBufferPointer { c in
            for i in 0..<n { classes[i + 1] = UInt16(CharClass.of(c[i]).rawValue) }
        }
        input.chars.withUnsafeBufferPointer { c in
            @inline(__always) func ps(_ i: Int) -> UInt16 { i < 0 || i >= n ? 7 : UInt16(pos[i]) }
            let hasPlaces = input.places.count == n
            for i in 0..<n {
                let p = UInt16(pos[i]), place = hasPlaces ? UInt16(input.places[i]) : 0
                values.append(0)
                values.append(classes[i] << 6 | classes[i + 1] << 3 | classes[i + 2])
                values.append(p << 3 | UInt16(len[i]))
                values.append(ps(i - 1) << 6 | p << 3 | ps(i + 1))
                values.append(place)
                values.append(place << 3 | p)
                keys.append(mix(characterPrefixes[Int(p)], UInt64(c[i])))
                keys.append(mix(wordPrefixes[Int(p)], word[i]))
            }
        }
    }

    /// `mix(14, p)` and `mix(15, p)` for each token position `p` (the prefixes of the two large
    /// templates' keys), computed once.
    static let characterPrefixes = (0...4).map { mix(14, UInt64($0)) }
    static let wordPrefixes = (0...4).map { mix(15, UInt64($0)) }

    /// The keys of the n-grams of kind `kind` (length `kind + 1`) that start at `j = -2 ..< n + 3 - length`
    /// (padding outside the sentence): `out[j + 2]`.
    public static func extractGrams(_ input: TaggerInput, kind: Int, into out: inout [UInt64]) {
        let n = input.chars.count, length = kind + 1
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(n + 5 - length)
        input.chars.withUnsafeBufferPointer { c in
            @inline(__always) func ch(_ i: Int) -> UInt64 { UInt64(i < 0 ? before : (i >= n ? after : c[i])) }
            for j in -2..<(n + 3 - length) {
                var h = mix(0x1000, UInt64(length))
                for k in 0..<length { h = mix(h, ch(j + k)) }
                out.append(h)
            }
        }
    }

    /// Every feature key of every character, `count` per character, row-major (for training);
    /// `grams` gets, per feature, the key of its n-gram (0 for single features).
    public static func extract(_ input: TaggerInput, into out: inout [UInt64], grams: inout [UInt64]) {
        let n = input.chars.count
        var values: [UInt16] = [], large: [UInt64] = [], kinds = gramSlots.map { _ in [UInt64]() }
        extractSingles(input, values: &values, keys: &large)
        for k in kinds.indices { extractGrams(input, kind: k, into: &kinds[k]) }
        out.removeAll(keepingCapacity: true)
        grams.removeAll(keepingCapacity: true)
        var single = [UInt64](repeating: 0, count: singles)
        for i in 0..<n {
            for (s, f) in small.enumerated() { single[f] = smallKey(s, Int(values[i * small.count + s])) }
            for (l, f) in Features.large.enumerated() { single[f] = large[i * Features.large.count + l] }
            out.append(contentsOf: single)
            grams.append(contentsOf: repeatElement(0, count: singles))
            for k in kinds.indices {
                for s in 0..<gramSlots[k] {
                    let g = kinds[k][i + s]   // the n-gram starting at i + s - 2
                    out.append(slotKey(g, template: firstSlot[k] + s))
                    grams.append(g)
                }
            }
        }
    }

    public static func extract(_ input: TaggerInput, into out: inout [UInt64]) {
        var grams: [UInt64] = []
        extract(input, into: &out, grams: &grams)
    }
}
