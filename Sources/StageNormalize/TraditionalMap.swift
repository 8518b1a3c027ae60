// Traditional → simplified characters, one character for one, so the offset map stays exact.
// The table is ICU's `Traditional-Simplified` transform applied once, at first use, to every
// BMP ideograph; documents are then mapped by table look-up, never by running ICU per text.
import CICU

public enum TraditionalMap {
    /// `table[c]` is the simplified form of BMP ideograph `c`, or 0 when the transform leaves it;
    /// also 「」『』 → “”‘’ (traditional texts quote with corner brackets, and ICU's
    /// Simplified-Traditional writes them). nil when ICU has no such transform (the option then does nothing).
    public static let table: [UInt16]? = build().map { t in
        var t = t
        for (a, b) in [("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’")] {
            t[Int(a.unicodeScalars.first!.value)] = UInt16(b.unicodeScalars.first!.value)
        }
        return t
    }

    /// `traditionalOnly[c]`: `table` changes ideograph `c` and simplified Chinese (GB 2312)
    /// has no such character. 著, 乾, 俱 are mapped in a traditional text but are also written
    /// in simplified texts, so only characters like 習, 經 tell that a text is traditional.
    public static let traditionalOnly: [Bool] = {
        var out = [Bool](repeating: false, count: 0x10000)
        guard let t = table else { return out }
        let changed = (0..<0x10000).filter { t[$0] != 0 && $0 >= 0x3400 }.map { UInt16($0) }
        var flags = [UInt8](repeating: 1, count: changed.count)
        let rc = flags.withUnsafeMutableBufferPointer { zt_encodable("GB2312", changed, Int32(changed.count), $0.baseAddress) }
        for (k, c) in changed.enumerated() { out[Int(c)] = rc == 0 ? flags[k] == 0 : true }
        return out
    }()

    /// `inGB2312[c]`: simplified Chinese (GB 2312) has ideograph `c`. One converter call over the
    /// ideograph blocks, far cheaper than the transform: a document with fewer ideographs
    /// outside GB 2312 than the share cannot have enough traditional-only ones, and needs no table.
    public static let inGB2312: [Bool] = {
        var out = [Bool](repeating: false, count: 0x10000)
        let all = blocks.flatMap { $0.map { $0 } }
        var flags = [UInt8](repeating: 1, count: all.count)
        let rc = flags.withUnsafeMutableBufferPointer { zt_encodable("GB2312", all, Int32(all.count), $0.baseAddress) }
        guard rc == 0 else { return out }   // no converter: every document goes to the exact test
        for (k, c) in all.enumerated() { out[Int(c)] = flags[k] != 0 }
        return out
    }()

    /// Blocks of ideographs the transform may change: Extension A, Unified, Compatibility.
    static let blocks: [ClosedRange<UInt16>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF]

    static func build() -> [UInt16]? {
        var table = [UInt16](repeating: 0, count: 0x10000)
        var any = false
        // One ICU call for every ideograph (opening the transform is the costly part); if some
        // character maps to two, the lengths differ and the blocks are redone in chunks of 256,
        // a changed chunk character by character: only one-to-one mappings are kept.
        let all = blocks.flatMap { $0.map { $0 } }
        var pending: [[UInt16]] = [all]
        while let chunk = pending.popLast() {
            guard let out = transliterate(chunk) else { return nil }
            if out.count == chunk.count {
                for (k, c) in chunk.enumerated() where out[k] != c { table[Int(c)] = out[k]; any = true }
            } else if chunk.count > 256 {
                pending += stride(from: 0, to: chunk.count, by: 256).map { Array(chunk[$0..<min($0 + 256, chunk.count)]) }
            } else if chunk.count > 1 {
                pending += chunk.map { [$0] }
            }
        }
        return any ? table : nil
    }

    /// `units` through ICU's Traditional-Simplified, or nil on an ICU error.
    static func transliterate(_ units: [UInt16], id: String = "Traditional-Simplified") -> [UInt16]? {
        var buffer = units + [UInt16](repeating: 0, count: units.count * 2 + 16)
        let n = buffer.withUnsafeMutableBufferPointer { zt_transliterate(id, $0.baseAddress, Int32(units.count), Int32($0.count)) }
        return n < 0 ? nil : Array(buffer[0..<Int(n)])
    }

    /// The simplified form of `u`, or `u`.
    @inline(__always)
    public static func simplified(_ u: Unicode.Scalar, _ table: [UInt16]) -> Unicode.Scalar {
        let v = u.value
        guard v < 0x10000 else { return u }
        let t = table[Int(v)]
        return t == 0 ? u : Unicode.Scalar(t)!
    }

    /// Whether the text is written in traditional characters: at least `share` of its
    /// ideographs are traditional only (a simplified text quoting one name stays as it is).
    public static func isTraditional(_ text: ArraySlice<Unicode.Scalar>, share: Double) -> Bool {
        var han = 0, outside = 0
        let gb = inGB2312
        for u in text where u.value >= 0x3400 && u.value < 0x10000 {
            let v = Int(u.value)
            if (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                han += 1
                if !gb[v] { outside += 1 }
            }
        }
        // traditional-only ideographs are outside GB 2312: too few outside, too few traditional
        guard han > 0, Double(outside) >= share * Double(han) else { return false }
        var traditional = 0
        han = 0
        let only = traditionalOnly
        for u in text where u.value >= 0x3400 && u.value < 0x10000 {
            let v = Int(u.value)
            if (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                han += 1
                if only[v] { traditional += 1 }
            }
        }
        return han > 0 && Double(traditional) >= share * Double(han)
    }
}
