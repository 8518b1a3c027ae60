// JSON written as UTF-8 bytes into a buffer the caller keeps: the records file's encoder, which
// writes about as many bytes as the run reads (building Strings piece by piece cost a tenth of
// an annotations-only run). Same text as `JSONWriter`: fixed key order, no escaping of non-ASCII.

/// Appends one flat JSON object at a time to `bytes`.
public struct JSONBytes {
    public var bytes: [UInt8]
    private var needsComma = false

    public init(bytes: [UInt8] = []) { self.bytes = bytes }

    public mutating func beginObject() { bytes.append(0x7B); needsComma = false }   // {
    public mutating func endObject() { bytes.append(0x7D) }                         // }
    public mutating func newline() { bytes.append(0x0A) }

    /// `"k":`; keys are ASCII names that need no escape.
    private mutating func key(_ k: StaticString) {
        if needsComma { bytes.append(0x2C) }
        needsComma = true
        bytes.append(0x22)
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    public mutating func field(_ k: StaticString, _ v: String?) {
        key(k)
        if let v { JSONBytes.appendQuoted(v, to: &bytes) } else { JSONBytes.appendNull(to: &bytes) }
    }

    public mutating func field(_ k: StaticString, _ v: Int) {
        key(k)
        JSONBytes.appendInt(v, to: &bytes)
    }

    public mutating func field(_ k: StaticString, _ v: Double) {
        key(k)
        if v == v.rounded(), abs(v) < 9e15 { JSONBytes.appendInt(Int(v), to: &bytes) } else { bytes.append(contentsOf: JSONWriter.number(v).utf8) }
    }

    static func appendNull(to out: inout [UInt8]) {
        out.append(0x6E); out.append(0x75); out.append(0x6C); out.append(0x6C)   // null
    }

    /// The decimal digits of `v`.
    public static func appendInt(_ v: Int, to out: inout [UInt8]) {
        if v < 0 { out.append(0x2D) }
        var n = v.magnitude   // Int.min's magnitude fits in UInt
        if n < 10 { out.append(0x30 + UInt8(n)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { d in
            var i = d.count
            while n > 0 { i -= 1; d[i] = 0x30 + UInt8(n % 10); n /= 10 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: d[i...]))
        }
    }

    /// `s` in quotes with JSON's escapes: `"`, `\`, the control characters, and U+2028/U+2029
    /// (line ends to JavaScript) — the text of `JSONWriter.quote(s)`.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            var copied = 0   // bytes of u already in out
            var i = 0
            while i < u.count {
                let b = u[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 { i += 1; continue }
                if b == 0xE2 {   // U+2028 and U+2029 are E2 80 A8 / E2 80 A9
                    guard i + 2 < u.count, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 else { i += 1; continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
                    escapeU(u[i + 2] == 0xA8 ? 0x2028 : 0x2029, &out)
                    i += 3
                    copied = i
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                default: escapeU(UInt32(b), &out)
                }
                i += 1
                copied = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
        }
        out.append(0x22)
    }

    /// `\uXXXX` in lower-case hex.
    private static func escapeU(_ v: UInt32, _ out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        out.append(0x5C); out.append(0x75)
        hex.withUTF8Buffer { h in
            for shift in stride(from: 12, through: 0, by: -4) { out.append(h[Int((v >> UInt32(shift)) & 0xF)]) }
        }
    }
}
