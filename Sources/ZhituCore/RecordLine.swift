// One line of a records file (annotations.jsonl), decoded. Writers read every record back, so
// the lines this tool writes (flat objects of strings and whole numbers, no escapes in most)
// are read by a direct scan; any other line, and every line the scan does not take, goes
// through `JSONValue` (several times faster than JSONDecoder), which decides what is valid.

extension RecordCodec {
    struct Line {
        var doc: String
        var kind: String
        var type, text, head, tail, org, numtype, unit, qualifier, subject, canonical, code: String?
        var value: AnnotationValue?
        var start, end, sentence, index, characters: Int?
        var path, date, title, source: String?
        static let run = "run"

        init?(_ bytes: [UInt8]) {
            var fields = Fields()
            if !fields.scanFlat(bytes) {
                fields = Fields()
                guard case .object(let pairs)? = try? JSONValue.parse(bytes) else { return nil }
                for (k, v) in pairs {
                    switch v {
                    case .string(let s): fields.set(k, string: s)
                    case .number(let d, _): guard fields.set(k, number: d) else { return nil }
                    default: break
                    }
                }
            }
            // the run line (Provenance.runLine) belongs to no document
            guard let kind = fields.kind, let doc = fields.doc ?? (kind == Line.run ? "" : nil) else { return nil }
            self.doc = doc
            self.kind = kind
            let l = fields.line
            type = l.type; text = l.text; head = l.head; tail = l.tail; org = l.org; numtype = l.numtype; unit = l.unit
            qualifier = l.qualifier; subject = l.subject; canonical = l.canonical; code = l.code; value = l.value
            start = l.start; end = l.end; sentence = l.sentence; index = l.index; characters = l.characters
            path = l.path; date = l.date; title = l.title; source = l.source
        }

        private init() { doc = ""; kind = "" }

        /// The fields as they are read: `doc` and `kind` may be missing until the end.
        private struct Fields {
            var doc: String?, kind: String?
            var line = Line()

            mutating func set(_ k: String, string s: String) {
                switch k {
                case "doc": doc = s
                case "kind": kind = s
                case "type": line.type = s
                case "text": line.text = s
                case "head": line.head = s
                case "tail": line.tail = s
                case "org": line.org = s
                case "numtype": line.numtype = s
                case "unit": line.unit = s
                case "qualifier": line.qualifier = s
                case "subject": line.subject = s
                case "canonical": line.canonical = s
                case "code": line.code = s
                case "path": line.path = s
                case "date": line.date = s
                case "title": line.title = s
                case "source": line.source = s
                case "value": line.value = .string(s)
                default: break
                }
            }

            /// False when an offset is not a whole number (the line is then not a record).
            mutating func set(_ k: String, number d: Double) -> Bool {
                if k == "value" { line.value = .number(d); return true }
                let slot: WritableKeyPath<Line, Int?>
                switch k {
                case "start": slot = \.start
                case "end": slot = \.end
                case "sentence": slot = \.sentence
                case "index": slot = \.index
                case "characters": slot = \.characters
                default: return true
                }
                guard let n = Int(exactly: d) else { return false }
                line[keyPath: slot] = n
                return true
            }

            /// Reads `{"key":value,...}` with no spaces, string values without escapes or
            /// control characters, and numbers of at most 15 digits without fraction or
            /// exponent (exact as a Double, so read as JSONValue reads them). False, with the
            /// fields half set, when the line has any other shape.
            mutating func scanFlat(_ bytes: [UInt8]) -> Bool {
                bytes.withUnsafeBufferPointer { b in
                    var i = 0
                    /// The string that starts at the quote at `i`, leaving `i` after its closing quote.
                    func string() -> String? {
                        let from = i + 1
                        var j = from
                        while j < b.count {
                            let c = b[j]
                            if c == 0x22 { break }
                            if c == 0x5C || c < 0x20 { return nil }
                            j += 1
                        }
                        guard j < b.count else { return nil }
                        i = j + 1
                        return String(validating: UnsafeBufferPointer(rebasing: b[from..<j]), as: UTF8.self)
                    }
                    guard b.count >= 2, b[0] == 0x7B, b[b.count - 1] == 0x7D else { return false }
                    i = 1
                    if b.count == 2 { return true }
                    while true {
                        guard i < b.count, b[i] == 0x22, let key = string(), i < b.count, b[i] == 0x3A else { return false }
                        i += 1
                        guard i < b.count else { return false }
                        if b[i] == 0x22 {
                            guard let s = string() else { return false }
                            set(key, string: s)
                        } else {
                            let negative = b[i] == 0x2D
                            if negative { i += 1 }
                            var n = 0, digits = 0
                            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 15 {
                                n = n * 10 + Int(b[i] - 0x30)
                                digits += 1
                                i += 1
                            }
                            // (-0 is left to the parser: it reads as the Double -0.0)
                            guard digits > 0, !(negative && n == 0), i < b.count, b[i] == 0x2C || b[i] == 0x7D else { return false }
                            guard set(key, number: Double(negative ? -n : n)) else { return false }
                        }
                        guard i < b.count else { return false }
                        if b[i] == 0x7D { return i == b.count - 1 }
                        guard b[i] == 0x2C else { return false }
                        i += 1
                    }
                }
            }
        }
    }
}
