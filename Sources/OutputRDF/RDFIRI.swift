// IRIs minted from node ids: percent-encoding what an IRI or a Turtle local name cannot hold.
import Foundation
import ZhituCore

extension RDFWriter {
    /// Percent-encodes what an IRI (or, with `local`, a Turtle local name) cannot hold as is;
    /// letters and digits of any script stay readable, white space is encoded.
    static func encode(_ s: String, local: Bool = false) -> String {
        // Most ids need nothing encoded: they are returned as they are, without a copy.
        if s.unicodeScalars.allSatisfy({ keeps($0, local: local) }) { return s }
        var out = ""
        for u in s.unicodeScalars {
            if keeps(u, local: local) { out.unicodeScalars.append(u) } else { out += percent(u) }
        }
        return out
    }

    /// Whether `encode` keeps `u` as it is.
    @inline(__always)
    static func keeps(_ u: Unicode.Scalar, local: Bool) -> Bool {
        let v = u.value
        if u.isASCII {
            // letters, digits, "-_", and in a full IRI ".~:" (byte tests: this runs for every IRI)
            return (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || (0x30...0x39).contains(v) || v == 0x2D || v == 0x5F
                || (!local && (v == 0x2E || v == 0x7E || v == 0x3A))
        }
        // CJK Unified Ideographs: inside the ranges below and never white space (no table look-up)
        if (0x4E00...0x9FFF).contains(v) { return true }
        return !u.properties.isWhitespace && v != 0xA0 && v != 0x3000
            && ((0xA1...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v) || (0x10000...0xEFFFD).contains(v))
    }

    static func percent(_ u: Unicode.Scalar) -> String {
        String(u).utf8.map { String(format: "%%%02X", $0) }.joined()
    }
}
