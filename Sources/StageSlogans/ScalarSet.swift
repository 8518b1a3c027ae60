// A set of Basic Multilingual Plane scalars as a bitmap, for the character tests that run on
// every position of a sentence (surnames, left stops): one load and a mask, where a
// Set<Unicode.Scalar> hashes each query with SipHash.

struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)

    /// The scalars of `members`, all in the BMP.
    init<S: Sequence>(_ members: S) where S.Element == Unicode.Scalar {
        for u in members {
            precondition(u.value < 0x10000, "ScalarSet holds BMP scalars only: \(u)")
            bits[Int(u.value >> 6)] |= 1 << UInt64(u.value & 63)
        }
    }

    @inline(__always)
    func contains(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x10000 && bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
    }
}
