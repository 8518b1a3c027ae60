// graph.graphml's elements built as UTF-8 bytes in a buffer the writer keeps: building the file
// as Strings and escaping it scalar by scalar was most of the GraphML writer's time.
import ZhituCore

extension GraphMLWriter {
    struct XMLBytes {
        var bytes: [UInt8] = []
        /// JSON text of the value being written, before it is escaped.
        private var json: [UInt8] = []

        mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

        /// `<data key="key">value</data>`, escaped, on a line of its own.
        mutating func data(_ key: String, _ value: String) {
            open(key)
            escape(value)
            close()
        }

        /// A <data> element of JSON text that `write` appends to the buffer it is given.
        mutating func data(_ key: String, _ write: (inout [UInt8]) -> Void) {
            json.removeAll(keepingCapacity: true)
            write(&json)
            open(key)
            json.withUnsafeBufferPointer { XMLBytes.escape($0, to: &bytes) }
            close()
        }

        /// A property value as a <data> element of GraphML type `type`.
        mutating func data(_ key: String, _ v: GraphValue, as type: String) {
            switch v {
            case .string(let s): data(key, s)
            case .strings: data(key) { JSONBytes.appendJSON(v, to: &$0) }
            default: data(key, GraphMLWriter.text(v, as: type))
            }
        }

        private mutating func open(_ key: String) {
            append("      <data key=\"")
            append(key)
            append("\">")
        }

        private mutating func close() { append("</data>\n") }

        mutating func escape(_ s: String) {
            var s = s
            s.withUTF8 { XMLBytes.escape($0, to: &bytes) }
        }

        /// `u` escaped for XML 1.0 element content and attribute values; characters XML 1.0
        /// cannot carry (most C0 controls, U+FFFE and U+FFFF) are dropped. Runs that need no
        /// escape are copied whole.
        static func escape(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            var copied = 0   // bytes of u already in out
            var i = 0
            while i < u.count {
                let b = u[i]
                // 0xEF leads U+FFFE/U+FFFF (EF BF BE, EF BF BF) and other characters, kept
                if b >= 0x20 && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0xEF { i += 1; continue }
                if b == 0xEF {
                    guard i + 2 < u.count, u[i + 1] == 0xBF, u[i + 2] == 0xBE || u[i + 2] == 0xBF else { i += 1; continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
                    i += 3
                    copied = i
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
                let entity: StaticString
                switch b {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x0A: entity = "&#10;"
                case 0x0D: entity = "&#13;"
                case 0x09: entity = "&#9;"
                default: entity = ""   // other C0 controls: dropped
                }
                entity.withUTF8Buffer { out.append(contentsOf: $0) }
                i += 1
                copied = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
        }
    }
}
