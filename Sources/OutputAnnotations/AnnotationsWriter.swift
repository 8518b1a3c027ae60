// annotations.jsonl: every record in the gold format of ANNOTATION.md plus original offsets,
// with document and cited-sentence lines (see RecordCodec) so the graph can be rebuilt from it.
import Foundation
import ZhituCore

public struct AnnotationsWriter: OutputWriter {
    public static let format = "annotations"
    public static let summary = "annotations.jsonl: every record in the gold format, with offsets into the original files."
    public init() {}
    public static let readsGraph = false

    public func write(_ output: RunOutput, to directory: URL) throws {
        // one document at a time, written in pieces of about a megabyte: the file never has to fit in memory
        try AtomicFile.write(to: directory.appendingPathComponent("annotations.jsonl").path) { file in
            if let p = output.provenance { try file.write(contentsOf: Data((p.runLine + "\n").utf8)) }
            var buffer: [UInt8] = []
            func flush(_ b: inout [UInt8]) throws {
                try file.write(contentsOf: b)
                b.removeAll(keepingCapacity: true)
            }
            for d in output.documents { try RecordCodec.append(d, to: &buffer, flush: flush) }
            if !buffer.isEmpty { try flush(&buffer) }
        }
    }
}
