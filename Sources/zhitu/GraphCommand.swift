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

        Examples:
          zhitu graph --from part-0.jsonl part-1.jsonl --output merged/
          zhitu graph --from out/annotations.jsonl --format graph,measurements
        """)

    @Option(name: .long, parsing: .upToNextOption, help: "Annotation files (JSON Lines).") var from: [String]
    @Option(name: .long, help: "Output folder.") var output = "out"
    @Option(name: .long, help: "Comma-separated output formats (default: all but annotations).") var format: String?
    @Option(name: .long, help: "The graph's name.") var name = "zhitu"

    func run() throws {
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
            try Outputs.write(docs, name: name, formats: formats, to: set.staging)
            try set.commit()
        } catch {
            set.abandon()
            fail("cannot write \(output): \(FileProblem.words(error))", code: 1) }
        FileHandle.standardError.write(Data("zhitu: \(count) documents → \(formats.joined(separator: ", ")) in \(output)\n".utf8))
    }
}
