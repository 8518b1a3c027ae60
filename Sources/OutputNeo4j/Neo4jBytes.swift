// CSV records and Cypher literals built as UTF-8 bytes in buffers the writer keeps: building
// them as Strings, field by field, was most of the Neo4j writer's time (a third of a whole run).
import ZhituCore

extension Neo4jWriter {
    /// One CSV record at a time: every field quoted, quotes doubled; newlines stay inside the
    /// quotes (import with `--multiline-fields=true` when names or sentences hold line breaks).
    struct CSVRecord {
        var bytes: [UInt8] = []
        /// JSON text of the field being written, before its quotes are doubled.
        private var json: [UInt8] = []
        private var fields = 0

        mutating func start() { bytes.removeAll(keepingCapacity: true); fields = 0 }
        mutating func end() { bytes.append(0x0A) }

        /// Opens a field: a comma after the first, then the opening quote.
        mutating func open() {
            if fields > 0 { bytes.append(0x2C) }
            fields += 1
            bytes.append(0x22)
        }
        mutating func close() { bytes.append(0x22) }

        mutating func field(_ s: String) { open(); escape(s); close() }
        mutating func field(_ i: Int) { open(); bytes.append(contentsOf: String(i).utf8); close() }

        /// Items joined by neo4j-admin's default array delimiter `;`.
        mutating func array(_ items: [String]) {
            open()
            for (i, s) in items.enumerated() {
                if i > 0 { bytes.append(0x3B) }
                escape(s)
            }
            close()
        }

        /// A field holding JSON text that `write` appends to the buffer it is given.
        mutating func jsonField(_ write: (inout [UInt8]) -> Void) {
            json.removeAll(keepingCapacity: true)
            write(&json)
            open()
            json.withUnsafeBufferPointer { Neo4jWriter.appendCSVEscaped($0, to: &bytes) }
            close()
        }

        /// `s` with its quotes doubled, without the field's own quotes.
        mutating func escape(_ s: String) {
            var s = s
            s.withUTF8 { Neo4jWriter.appendCSVEscaped($0, to: &bytes) }
        }
    }

    /// `u` with every `"` doubled.
    static func appendCSVEscaped(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var copied = 0   // bytes of u already in out
        for i in 0..<u.count where u[i] == 0x22 {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...i]))   // up to and with the quote
            out.append(0x22)
            copied = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
    }

    /// A Cypher string literal in single quotes.
    static func appendCypherQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendCypherQuoted($0, to: &out) }
    }

    static func appendCypherQuoted(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x27)
        var copied = 0   // bytes of u already in out
        for i in 0..<u.count {
            let b = u[i]
            guard b < 0x20 || b == 0x27 || b == 0x5C else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
            out.append(0x5C)
            switch b {
            case 0x27: out.append(0x27)                   // \'
            case 0x5C: out.append(0x5C)                   // \\
            case 0x0A: out.append(0x6E)                   // \n
            case 0x0D: out.append(0x72)                   // \r
            case 0x09: out.append(0x74)                   // \t
            default:                                      // \u00XX, upper-case hex
                let hex: StaticString = "0123456789ABCDEF"
                out.append(0x75); out.append(0x30); out.append(0x30)
                hex.withUTF8Buffer { h in out.append(h[Int(b >> 4)]); out.append(h[Int(b & 0xF)]) }
            }
            copied = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
        out.append(0x27)
    }

    /// A label, relationship type or property name, backquoted unless a plain identifier
    /// (ASCII letters, digits and `_`, not starting with a digit).
    static func appendName(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
            let plain = !u.isEmpty && !isDigit(u[0])
                && u.allSatisfy { isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x5F }
            if plain { out.append(contentsOf: u); return }
            out.append(0x60)
            for b in u {
                out.append(b)
                if b == 0x60 { out.append(0x60) }
            }
            out.append(0x60)
        }
    }
}
