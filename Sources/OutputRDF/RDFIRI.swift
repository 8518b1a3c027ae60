// IRIs minted from node ids: percent-encoding what an IRI or a Turtle local name cannot hold,
// written straight into the output bytes (the writer mints several IRIs per evidence).
import ZhituCore

extension RDFWriter {
    /// An IRI as the writer emits it, minted from its parts only when written.
    enum IRI {
        /// A prefixed name (`prov:Activity`), written as is.
        case compact(StaticString)
        /// A vocabulary term (z:name) for a property or relation name.
        case term(String)
        /// A node: `base` and the percent-encoded node id.
        case node(String)
        /// A document's node (`doc:` and the document id).
        case doc(String)
        /// The statement resource of the edge at this position.
        case edge(Int)
        /// An evidence annotation of an edge: (edge position, evidence position).
        case evidence(Int, Int)
        /// An IRI or prefixed name minted whole (the run's provenance, a term made before).
        case minted(String)

        /// Turtle writes full IRIs in angle brackets and prefixed names bare.
        var isFull: Bool {
            switch self {
            case .compact, .term: return false
            case .node, .doc, .edge, .evidence: return true
            case .minted(let s): return s.hasPrefix(RDFWriter.base)
            }
        }

        /// Appends the IRI's text. It never needs a JSON or Turtle string escape: minted parts
        /// are percent-encoded (which encodes quotes, backslashes, controls and U+2028/U+2029,
        /// white space all), the rest are ASCII names.
        func append(to out: inout [UInt8]) {
            switch self {
            case .compact(let s): out.append(static: s)
            case .term(let name):
                out.append(0x7A); out.append(0x3A)   // z:
                RDFWriter.appendEncoded(name, local: true, to: &out)
            case .node(let id):
                RDFWriter.appendBase(to: &out)
                RDFWriter.appendEncoded(id, to: &out)
            case .doc(let doc):
                // nodeIRI("doc:" + doc): the colon is kept as is
                RDFWriter.appendBase(to: &out)
                out.append(contentsOf: [0x64, 0x6F, 0x63, 0x3A])   // doc:
                RDFWriter.appendEncoded(doc, to: &out)
            case .edge(let i):
                RDFWriter.appendEdge(i, to: &out)
            case .evidence(let i, let k):
                RDFWriter.appendEdge(i, to: &out)
                out.append(static: ":evidence:")
                JSONBytes.appendInt(k, to: &out)
            case .minted(let s): out.append(contentsOf: s.utf8)
            }
        }
    }

    static func appendBase(to out: inout [UInt8]) {
        out.append(static: baseText)
    }

    static func appendEdge(_ i: Int, to out: inout [UInt8]) {
        appendBase(to: &out)
        out.append(static: "edge:")
        JSONBytes.appendInt(i, to: &out)
    }

    /// Percent-encodes what an IRI (or, with `local`, a Turtle local name) cannot hold as is;
    /// letters and digits of any script stay readable, white space is encoded.
    static func encode(_ s: String, local: Bool = false) -> String {
        var out: [UInt8] = []
        appendEncoded(s, local: local, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `encode(s, local:)`'s text appended to `out`, read over UTF-8: runs of kept characters
    /// are copied whole (most ids are one such run).
    static func appendEncoded(_ s: String, local: Bool = false, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            var copied = 0   // bytes of u already in out
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    if keepsASCII(b, local: local) { i += 1; continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
                    appendPercent(b, to: &out)
                    i += 1
                    copied = i
                    continue
                }
                // A valid sequence (Swift strings are valid UTF-8): its length from the lead byte.
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var v = UInt32(b) & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F)
                for j in 1..<n { v = v << 6 | UInt32(u[i + j] & 0x3F) }
                if keeps(Unicode.Scalar(v)!, local: local) { i += n; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
                for j in 0..<n { appendPercent(u[i + j], to: &out) }
                i += n
                copied = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
        }
    }

    /// Whether `encode` keeps `u` as it is.
    @inline(__always)
    static func keeps(_ u: Unicode.Scalar, local: Bool) -> Bool {
        let v = u.value
        if u.isASCII { return keepsASCII(UInt8(v), local: local) }
        // CJK Unified Ideographs: inside the ranges below and never white space (no table look-up)
        if (0x4E00...0x9FFF).contains(v) { return true }
        return !u.properties.isWhitespace && v != 0xA0 && v != 0x3000
            && ((0xA1...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v) || (0x10000...0xEFFFD).contains(v))
    }

    /// Letters, digits, "-_", and in a full IRI ".~:".
    @inline(__always)
    static func keepsASCII(_ v: UInt8, local: Bool) -> Bool {
        (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || (0x30...0x39).contains(v) || v == 0x2D || v == 0x5F
            || (!local && (v == 0x2E || v == 0x7E || v == 0x3A))
    }

    /// `%XX`, upper-case hex.
    static func appendPercent(_ b: UInt8, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        hex.withUTF8Buffer { h in
            out.append(0x25)
            out.append(h[Int(b >> 4)])
            out.append(h[Int(b & 0xF)])
        }
    }
}
