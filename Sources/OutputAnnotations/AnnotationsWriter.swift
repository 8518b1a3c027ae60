// annotations.jsonl: every record in the gold format of ANNOTATION.md plus original offsets.
import Foundation
import ZhituCore

public struct AnnotationsWriter: OutputWriter {
    public static let format = "annotations"
    public static let summary = "annotations.jsonl: every record in the gold format, with offsets into the original files."
    public init() {}

    public func write(_ output: RunOutput, to directory: URL) throws {
        // one document at a time, so the file never has to fit in memory as one string
        try AtomicFile.write(to: directory.appendingPathComponent("annotations.jsonl").path) { file in
            for d in output.documents { try file.write(contentsOf: Data(Self.render([d]).utf8)) }
        }
    }

    /// One JSON line for a record of document `doc`.
    public static func line(_ a: Annotation, doc: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("doc", doc)
        w.field("kind", a.kind.rawValue)
        if let t = a.type { w.field("type", t) }
        if a.kind == .relation {
            w.field("head", a.head)
            w.field("tail", a.tail)
            if let org = a.org { w.field("org", org) }
        } else {
            w.field("text", a.text)
        }
        if a.kind == .number {
            w.field("numtype", a.numtype)
            switch a.value {
            case .number(let d)?: w.field("value", d)
            case .string(let s)?: w.field("value", s)
            case nil: w.field("value", nil as String?)
            }
            w.field("unit", a.unit)
            w.field("qualifier", a.qualifier)
            w.field("subject", a.subject)
        }
        if let c = a.canonical { w.field("canonical", c) }
        w.field("start", a.start)
        w.field("end", a.end)
        w.endObject()
        return w.text
    }

    /// The whole file for `documents`, in their order.
    public static func render(_ documents: [DocumentResult]) -> String {
        var out = ""
        for d in documents {
            for a in d.records {
                out += line(a, doc: d.id)
                out += "\n"
            }
        }
        return out
    }
}
