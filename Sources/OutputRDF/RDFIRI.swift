// IRIs minted from node ids: percent-encoding what an IRI or a Turtle local name cannot hold.
import Foundation
import ZhituCore

extension RDFWriter {
    /// Percent-encodes what an IRI (or, with `local`, a Turtle local name) cannot hold as is;
    /// letters and digits of any script stay readable, white space is encoded.
    static func encode(_ s: String, local: Bool = false) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let v = u.value
            let ok: Bool
            if u.isASCII {
                ok = u.properties.isAlphabetic || ("0"..."9").contains(u) || "-_".unicodeScalars.contains(u)
                    || (!local && ".~:".unicodeScalars.contains(u))
            } else {
                ok = !u.properties.isWhitespace && v != 0xA0 && v != 0x3000
                    && ((0xA1...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v) || (0x10000...0xEFFFD).contains(v))
            }
            if ok { out.unicodeScalars.append(u) } else { out += percent(u) }
        }
        return out
    }

    static func percent(_ u: Unicode.Scalar) -> String {
        String(u).utf8.map { String(format: "%%%02X", $0) }.joined()
    }
}
