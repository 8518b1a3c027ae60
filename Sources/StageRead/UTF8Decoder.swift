// Strict UTF-8 → Unicode scalars in one pass (no intermediate String).

enum UTF8Decoder {
    /// Where the first invalid sequence starts.
    struct Invalid: Error { var offset: Int }

    /// The scalars of `bytes`, or the byte offset of the first invalid sequence.
    static func decode(_ bytes: [UInt8]) -> Result<[Unicode.Scalar], Invalid> {
        var out = [Unicode.Scalar]()
        out.reserveCapacity(bytes.count)
        let n = bytes.count
        return bytes.withUnsafeBufferPointer { b -> Result<[Unicode.Scalar], Invalid> in
            var i = 0
            while i < n {
                let c0 = UInt32(b[i])
                if c0 < 0x80 { out.append(Unicode.Scalar(UInt8(c0))); i += 1; continue }
                let len: Int, min: UInt32
                var v: UInt32
                switch c0 {
                case 0xC2...0xDF: len = 2; v = c0 & 0x1F; min = 0x80
                case 0xE0...0xEF: len = 3; v = c0 & 0x0F; min = 0x800
                case 0xF0...0xF4: len = 4; v = c0 & 0x07; min = 0x10000
                default: return .failure(Invalid(offset: i))
                }
                guard i + len <= n else { return .failure(Invalid(offset: i)) }
                for k in 1..<len {
                    let c = UInt32(b[i + k])
                    guard c & 0xC0 == 0x80 else { return .failure(Invalid(offset: i)) }
                    v = v << 6 | (c & 0x3F)
                }
                guard v >= min, let u = Unicode.Scalar(v) else { return .failure(Invalid(offset: i)) }
                out.append(u)
                i += len
            }
            return .success(out)
        }
    }
}
