// `zhitu graph`: builds the graph and every output from annotation files, e.g. the
// per-partition outputs of a cluster run, without rerunning the pipeline.
import ArgumentParser
import Foundation
import ZhituCore
import ZhituStages

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the graph (and the other outputs) from annotation files.",
        discussion: """
        Reads annotations.jsonl files (as written by `zhitu run` or `zhitu run --stdin-jsonl`), \
        merges their documents in id order and writes the chosen outputs. A document id that \
        appears in two files is an error.

        --output is required: the folder is replaced by the new set (files of it that the \
        set does not hold are kept), so it is never chosen for you. The graph's name and the \
        provenance (zhitu version, config digest, stages, run date) come from the files' run \
        lines when they agree.

        Examples:
          zhitu run --format annotations
          zhitu graph --from out/annotations.jsonl --output rebuilt/
          zhitu graph --from out/annotations.jsonl --output rebuilt/ \\
            --format graph,measurements
        """)

    @Option(name: .long, parsing: .upToNextOption, help: "Annotation files (JSON Lines).") var from: [String]
    @Option(name: .long, help: "Output folder (required).") var output: String?
    @Option(name: .long, help: "Comma-separated output formats (default: all but annotations).") var format: String?
    @Option(name: .long, help: "Writer threads (default: all cores).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .long, help: "The graph's name (default: the name in the files' run lines, else zhitu).") var name: String?

    func run() throws {
        if jobs < 1 { fail("--jobs \(jobs): give at least 1 worker thread", code: 2) }
        guard let output else {
            fail("--output is required: the folder to write the graph into (it is replaced as a whole; e.g. --output rebuilt/)", code: 2)
        }
        // what made the records: the run lines, when every file has the same one (dates aside)
        let stamps = from.map { Provenance.firstLine(of: $0) }
        var provenance: Provenance?
        if let first = stamps.first ?? nil, stamps.allSatisfy({ $0.map { $0.sameRun(as: first) } ?? false }) {
            provenance = first
            provenance!.date = stamps.compactMap { $0?.date }.min()!
        }
        // The files are indexed, not read into memory: documents are read back one at a time,
        // in id order, by each writer.
        let docs: DocumentResults, count: Int
        do { (docs, count) = try DocumentResults.merging(files: from) } catch let e as RecordIndex.Unreadable {
            fail("\(e)", code: 1)
        } catch { fail("\(error)", code: 2) }
        let registry = StageRegistry.builtIn
        let formats = Outputs.formats(format, default: registry.outputFormats.filter { $0 != Outputs.annotations })
        let set: OutputSet
        do { set = try OutputSet(target: output) } catch { fail("\(error)", code: 1) }
        do {
            try Outputs.write(docs, name: name ?? provenance?.name ?? "zhitu", formats: formats, to: set.staging, provenance: provenance,
                              jobs: jobs)
            try set.commit()
        } catch {
            set.abandon()
            fail("cannot write \(output): \(FileProblem.words(error))", code: 1) }
        FileHandle.standardError.write(Data("zhitu: \(count) documents → \(formats.joined(separator: ", ")) in \(output)\n".utf8))
    }
}
