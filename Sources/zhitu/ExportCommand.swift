// `zhitu export`: writes other formats from an existing graph.json, without rerunning the pipeline.
import ArgumentParser
import Foundation
import OutputGraphJSON
import ZhituCore
import ZhituStages

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an existing graph.json into other output formats.",
        discussion: """
        Reads a graph.json written by `zhitu run` and writes each format named by --format \
        (see `zhitu export --list`). Formats that need per-document records (annotations) \
        cannot be written from a graph file. Exit status 2 for an unknown format or an unreadable graph.

        Examples:
          zhitu export --from out/graph.json --format graphml,neo4j,rdf,sqlite,report
          zhitu export --from out/graph.json --format report --output /tmp/report
        """)

    @Option(name: .long, help: "The graph.json to read.") var from = "out/graph.json"
    @Option(name: .long, help: "Formats, separated by commas.") var format = "graphml,neo4j,rdf,sqlite,report"
    @Option(name: .long, help: "Output folder. Default: the folder of --from.") var output: String?
    @Option(name: .long, help: "Writer threads (default: all cores).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Flag(name: .long, help: "List the formats and exit.") var list = false

    func run() throws {
        let registry = StageRegistry.builtIn
        if jobs < 1 { fail("--jobs \(jobs): give at least 1 worker thread", code: 2) }
        if list {
            for w in registry.writers.sorted(by: { $0.format < $1.format }) { print("\(w.format): \(w.summary)") }
            return
        }
        var writers: [any OutputWriter.Type] = []
        for f in Outputs.formats(format, default: []) {
            if f == Outputs.annotations { fail("--format: annotations need the per-document records; rerun `zhitu run` instead", code: 2) }
            writers.append(registry.writer(named: f)!)
        }
        let graph: KnowledgeGraph
        do { graph = try GraphJSONReader.read(contentsOf: from) } catch { fail("\(error)", code: 2) }
        let dir = output ?? URL(fileURLWithPath: from).deletingLastPathComponent().path
        let out = RunOutput(name: graph.name, documents: [], graph: graph, provenance: GraphJSONReader.provenance(contentsOf: from))
        let set: OutputSet
        do { set = try OutputSet(target: dir) } catch { fail("\(error)", code: 1) }
        do {
            try WriterRun.run(Outputs.scheduled(writers), out, to: set.staging, jobs: jobs)
            try set.commit()
        } catch {
            set.abandon()
            fail("cannot write \(dir): \(FileProblem.words(error))", code: 1)
        }
    }
}
