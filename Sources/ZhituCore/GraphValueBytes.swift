// Graph values and evidence as JSON text in UTF-8 bytes, for the writers that build their files
// in byte buffers: the same text as `GraphValue.json` and `JSONWriter.evidence`.

extension JSONBytes {
    /// `v` as JSON: the text of `v.json`.
    public static func appendJSON(_ v: GraphValue, to out: inout [UInt8]) {
        switch v {
        case .string(let s): appendQuoted(s, to: &out)
        case .int(let i): appendInt(i, to: &out)
        case .double(let d): out.append(contentsOf: JSONWriter.number(d).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .strings(let l):
            out.append(0x5B)   // [
            for (i, s) in l.enumerated() {
                if i > 0 { out.append(0x2C) }
                appendQuoted(s, to: &out)
            }
            out.append(0x5D)   // ]
        }
    }

    /// Evidence as a JSON array of {doc, sentence, start, end}.
    public static func appendEvidence(_ list: [Evidence], to out: inout [UInt8]) {
        var w = JSONBytes()
        swap(&w.bytes, &out)   // append to the caller's buffer without copying it
        w.bytes.append(0x5B)
        for (i, ev) in list.enumerated() {
            if i > 0 { w.bytes.append(0x2C) }
            w.beginObject(); w.field("doc", ev.doc); w.field("sentence", ev.sentence); w.field("start", ev.start); w.field("end", ev.end); w.endObject()
        }
        w.bytes.append(0x5D)
        swap(&w.bytes, &out)
    }
}
