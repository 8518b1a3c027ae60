// Runs a pipeline into the output folder: records stream to annotations.jsonl as documents
// finish (so memory stays flat), then the other writers read them back, several at once.
import Foundation
import ZhituCore
import ZhituStages

enum Outputs {
    static let annotations = "annotations"

    /// The formats of a comma-separated `--format` value (or `defaults` without one); exits 2,
    /// with a did-you-mean, on an unknown format.
    static func formats(_ option: String?, default defaults: [String]) -> [String] {
        guard let option else { return defaults }
        let list = option.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if list.isEmpty { fail("--format: no formats given", code: 2) }
        let known = StageRegistry.builtIn.outputFormats
        for f in list where StageRegistry.builtIn.writer(named: f) == nil {
            let s = suggestions(for: f, in: known)
            fail("--format: unknown output \"\(f)\"" + (s.isEmpty ? "; known: \(known.joined(separator: ", "))" : "; did you mean \(s[0])?"), code: 2)
        }
        return list
    }

    /// Runs `pipeline` over `files`, writes `formats` into the staging folder of `set` and
    /// swaps the new set in. The stats' seconds cover the whole run, writing included.
    static func run(_ pipeline: Pipeline, _ files: [InputFile], jobs: Int, progress: (@Sendable (RunProgress) -> Void)?,
                    name: String, formats: [String], into set: OutputSet, provenance: Provenance? = nil) throws -> RunStats {
        let start = Date()
        let url = set.staging
        let keep = formats.contains(annotations)
        let records = url.appendingPathComponent(keep ? "annotations.jsonl" : ".zhitu-records-\(getpid()).jsonl")
        defer { if !keep { try? FileManager.default.removeItem(at: records) } }
        var stats = RunStats()
        try AtomicFile.write(to: records.path) { file in
            if let provenance { try file.write(contentsOf: Data((provenance.runLine + "\n").utf8)) }
            // Lines are gathered over documents and written in pieces of about a megabyte.
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + (1 << 16))
            func flush(_ b: inout [UInt8]) throws {
                try file.write(contentsOf: b)
                b.removeAll(keepingCapacity: true)
            }
            var start: UInt64 = 0   // where the latest document's lines begin, counting the buffer
            stats = try pipeline.run(files, jobs: jobs, progress: progress) { (e: PartEvent) in
                switch e {
                case .part(let d, _):
                    if !d.continued { start = try file.offset() + UInt64(buffer.count) }
                    try RecordCodec.append(d, to: &buffer, flush: flush)
                case .discard:   // a later window of a long article failed
                    let written = try file.offset()
                    if start >= written {
                        buffer.removeSubrange(Int(start - written)...)
                    } else {
                        buffer.removeAll(keepingCapacity: true)
                        try file.truncate(atOffset: start)
                    }
                }
            }
            if !buffer.isEmpty { try flush(&buffer) }
        }
        let done = stats
        let writing: (@Sendable ([String]) -> Void)? = progress.map { show in
            { files in
                show(RunProgress(done: done.documents, total: done.documents, bytes: done.bytes,
                                 seconds: Date().timeIntervalSince(start), writing: files))
            }
        }
        try write(DocumentResults(file: records), name: name, formats: formats.filter { $0 != annotations }, to: url,
                  provenance: provenance, jobs: jobs, writing: writing)
        if !keep { try? FileManager.default.removeItem(at: records) }
        try set.commit()
        stats.seconds = Date().timeIntervalSince(start)
        return stats
    }

    /// Writes `formats` for documents already processed into `url` (a staging folder), on up
    /// to `jobs` threads.
    static func write(_ docs: DocumentResults, name: String, formats: [String], to url: URL, provenance: Provenance? = nil,
                      jobs: Int = 1, writing: (@Sendable ([String]) -> Void)? = nil) throws {
        let output = RunOutput(name: name, documents: docs, spillDirectory: url, provenance: provenance)
        try WriterRun.run(scheduled(formats.compactMap { StageRegistry.builtIn.writer(named: $0) }), output, to: url, jobs: jobs, writing: writing)
    }

    /// The writers with the costliest first, so that on a few threads the long ones do not
    /// start last (measured on the shipped outputs: sqlite, then rdf, then neo4j cost most).
    /// The order changes only when each file is written, never what it holds.
    static func scheduled(_ writers: [any OutputWriter.Type]) -> [any OutputWriter.Type] {
        let first = ["sqlite", "rdf", "neo4j"]
        return writers.enumerated().sorted { a, b in
            let x = first.firstIndex(of: a.element.format) ?? first.count, y = first.firstIndex(of: b.element.format) ?? first.count
            return (x, a.offset) < (y, b.offset)
        }.map(\.element)
    }
}
