// The `zhitu` command line: run, check, stages, eval, bench.
import ArgumentParser
import Foundation
import ZhituCore
import ZhituStages

@main
struct Zhitu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhitu",
        abstract: "Turn Chinese news and policy articles into a knowledge graph.",
        discussion: """
        A pipeline (pipeline.json) reads a folder of articles, normalises and segments them, runs \
        extraction stages, and writes annotations.jsonl and graph.json.

        Examples:
          zhitu run                     # pipeline.json → corpus/ → out/
          zhitu check pipeline.json     # validate, print the effective config
          zhitu stages                  # what each stage does and its options
          zhitu eval ../shared/gold/seeds.entities.jsonl \\
            --predictions out/annotations.jsonl

        The gold sets, score.py and the datasets live in ../shared, beside the repository.
        """,
        version: Zhitu.version,
        subcommands: [Run.self, Check.self, Stages.self, Eval.self, Inspect.self, Graph.self, Export.self, Train.self, Bench.self])

    /// `zhitu --version`: zhitu's version (ZhituVersion, the one place it is set) and ICU's.
    static var version: String { "zhitu \(ZhituVersion.current) (ICU \(icuVersion))" }
}

/// Exits with a one-line message per error on stderr.
func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data(("zhitu: " + message.replacingOccurrences(of: "\n", with: "\nzhitu: ") + "\n").utf8))
    exit(code)
}

/// The config file used when none is named.
let defaultConfigFile = "pipeline.json"

/// Loads and validates the config `path`; without one, ./pipeline.json when there is one,
/// else the built-in defaults (every key has one), with a note unless `quiet`. Exits 2 on errors.
func loadConfig(_ path: String?, quiet: Bool = false) -> PipelineConfig {
    let registry = StageRegistry.builtIn
    do {
        if let path { return try PipelineConfig.load(path: path, registry: registry) }
        if FileManager.default.fileExists(atPath: defaultConfigFile) { return try PipelineConfig.load(path: defaultConfigFile, registry: registry) }
        if !quiet { FileHandle.standardError.write(Data("zhitu: no \(defaultConfigFile) here: using the defaults (`zhitu check` prints them)\n".utf8)) }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return try PipelineConfig.parse(Array("{}".utf8), file: "the defaults", baseDirectory: cwd, registry: registry)
    } catch {
        fail("\(error)", code: 2)
    }
}

/// What made a run of `config`: this zhitu, the config's digest, the stages and the date.
func provenance(_ config: PipelineConfig) -> Provenance {
    Provenance(config: config, registry: .builtIn, icu: icuVersion)
}

func makePipeline(_ config: PipelineConfig) -> Pipeline {
    do { return try Pipeline(config: config, registry: .builtIn) } catch { fail("\(error)", code: 2) }
}

/// Input paths: those given on the command line, or the config's, resolved against its folder
/// (and shown relative to the current folder when they lie inside it).
func inputPaths(_ given: [String], _ config: PipelineConfig) -> [String] {
    guard given.isEmpty else { return given }
    let cwd = FileManager.default.currentDirectoryPath + "/"
    return config.input.map { p in
        if p.hasPrefix("/") { return p }
        let full = config.baseDirectory.appendingPathComponent(p).standardizedFileURL.path
        return full.hasPrefix(cwd) ? String(full.dropFirst(cwd.count)) : full
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline over a folder of articles.",
        discussion: """
        Writes annotations.jsonl (every record with offsets into the original files) and \
        graph.json (node-link JSON; networkx: node_link_graph(data, edges="links")) into the \
        output folder. Exit status: 0 when every document was processed, 1 when some failed \
        (the others are still written), 2 for a bad config.

        Examples:
          zhitu run
          zhitu run pipeline.json --input corpus/ --output results/
          zhitu run --input corpus/001_ce8fcb816939275a.txt --jobs 1 --quiet
          zhitu run --format graph,graphml,sqlite,report
        """)

    @Argument(help: "The pipeline config (default: ./pipeline.json, else the built-in defaults).") var config: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Articles to read: folders (recursively, .txt/.md) or files. Default: the config's input.")
    var input: [String] = []
    @Option(name: .long, help: "Output folder. Default: the config's output.") var output: String?
    @Option(name: .long, help: "Worker threads (default: all cores).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .long, help: "Comma-separated output formats, instead of the config's \"outputs\" (see `zhitu export --list`).")
    var format: String?
    @Flag(name: .long, help: "No progress or summary on stderr.") var quiet = false
    @Flag(name: .long, help: ArgumentHelp("Read documents as JSON Lines from stdin ({\"id\", \"text\", \"date\"?, \"title\"?, \"source\"?}, or {\"id\", \"path\"} to read a file) and write their records as JSON Lines to stdout, in input order.",
                                          discussion: """
                                          Memory stays bounded: documents go through in batches. Corpus-wide stage decisions (finish) see one batch at a time. \
                                          Every id must be non-empty and used once. A {"id", "path"} line makes zhitu read that file: any file this process \
                                          can read, unless --path-root names the folder paths must stay under (checked after symbolic links are resolved).
                                          """))
    var stdinJsonl = false
    @Option(name: .long, help: ArgumentHelp("With --stdin-jsonl: the folder every {\"path\"} must lie under; other paths are refused.", valueName: "folder"))
    var pathRoot: String?

    func run() throws {
        if jobs < 1 { fail("--jobs \(jobs): give at least 1 worker thread", code: 2) }
        let cfg = loadConfig(config, quiet: quiet || stdinJsonl)
        let pipeline = makePipeline(cfg)
        if pathRoot != nil && !stdinJsonl { fail("--path-root is for --stdin-jsonl", code: 2) }
        if stdinJsonl {
            var root: String?
            if let pathRoot {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: pathRoot, isDirectory: &isDir), isDir.boolValue,
                      let real = realpath(pathRoot, nil) else { fail("--path-root \(pathRoot): not a folder", code: 2) }
                root = String(cString: real)
                free(real)
            }
            let failed = Streaming.run(pipeline, jobs: jobs, pathRoot: root)
            if failed > 0 { fail("\(failed) input line\(failed == 1 ? "" : "s") failed; see the messages above", code: 1) }
            return
        }
        let collected = InputFiles.collect(inputPaths(input, cfg))
        let (files, problems) = (collected.files, collected.problems)
        for p in collected.notes + problems { FileHandle.standardError.write(Data("zhitu: \(p)\n".utf8)) }
        if files.isEmpty { fail("no articles to read", code: 1) }
        // the config's output, resolved like its input (shown relative to the current folder)
        var outCfg = cfg
        outCfg.input = [cfg.output]
        let outDir = output ?? inputPaths([], outCfg)[0]
        let formats = Outputs.formats(format, default: cfg.outputs)
        // the lock on the output folder, and the staging folder the new set is written into
        let set: OutputSet
        do { set = try OutputSet(target: outDir) } catch { fail("\(error)", code: 1) }
        let showProgress = !quiet && isatty(2) != 0
        let report: (@Sendable (RunProgress) -> Void)? = showProgress ? ProgressLine.show : nil
        let stats: RunStats
        do {
            stats = try Outputs.run(pipeline, files, jobs: jobs, progress: report, name: cfg.name, formats: formats, into: set,
                                    provenance: provenance(cfg))
        } catch {
            set.abandon()
            fail("cannot write \(outDir): \(FileProblem.words(error))", code: 1)
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for f in stats.failures { FileHandle.standardError.write(Data("zhitu: \(f)\n".utf8)) }
        if !quiet { FileHandle.standardError.write(Data((Summary.line(stats, outDir: outDir) + "\n").utf8)) }
        let failed = stats.failures.count + problems.count
        if failed > 0 { fail("\(failed) input problem\(failed == 1 ? "" : "s"); see the messages above", code: 1) }
    }
}

enum ProgressLine {
    @Sendable static func show(_ p: RunProgress) {
        let mb = Double(p.bytes) / 1_000_000
        let line = p.writing.isEmpty
            ? String(format: "\r\u{1B}[K%d/%d documents  %.1f MB  %.1f MB/s  %.1fs", p.done, p.total, mb, mb / max(p.seconds, 1e-6), p.seconds)
            : String(format: "\r\u{1B}[K%d documents  %.1f MB  writing %@…  %.1fs", p.done, mb, p.writing.joined(separator: ", "), p.seconds)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

enum Summary {
    static func line(_ r: RunStats, outDir: String) -> String {
        let counts = r.kinds.keys.sorted().filter { $0 != "ner" }.map { "\(r.kinds[$0]!) \($0)" }.joined(separator: ", ")
        return String(format: "zhitu: %d documents, %d characters, %@ in %.2fs (%.1f MB/s) → %@",
                      r.documents, r.characters, counts.isEmpty ? "no records" : counts, r.seconds,
                      Double(r.bytes) / 1_000_000 / max(r.seconds, 1e-6), outDir)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a pipeline config and print it with every default filled in.",
        discussion: """
        Exit status 2 with one line per problem (file: key.path: message) when it is invalid. \
        Without a config: ./pipeline.json, else the built-in defaults. The digest is SHA-256 of \
        the config as it determines the records (name and stages with every option), as \
        outputs record it.

        Examples:
          zhitu check pipeline.json
          zhitu check --digest
        """)

    @Argument(help: "The pipeline config (default: ./pipeline.json, else the built-in defaults).") var config: String?
    @Flag(name: .long, help: "Print only the config's SHA-256 digest.") var digest = false

    func run() throws {
        let cfg = loadConfig(config)
        _ = makePipeline(cfg)   // lexicons and models load here too
        print(digest ? cfg.digest : cfg.effectiveJSON(registry: .builtIn))
    }
}

struct Stages: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the registered stages with version, requires, produces and options.",
        discussion: "Example:\n  zhitu stages")

    func run() throws {
        for t in StageRegistry.builtIn.types {
            let d = t.descriptor
            print("\(d.use) \(d.version): \(d.summary)")
            print("  requires: \(d.requires.isEmpty ? "-" : d.requires.map(\.rawValue).joined(separator: ", "))")
            print("  produces: \(d.produces.map(\.rawValue).joined(separator: ", "))")
            for o in d.options {
                print("  option \(o.name) (\(o.kind.rawValue), default \(o.defaultValue)): \(o.help)")
            }
        }
        print("default pipeline order: \(PipelineConfig.defaultStages(.builtIn).joined(separator: " → "))")
    }
}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score predictions against gold annotations (ANNOTATION.md \"Scoring\").",
        discussion: """
        Prints precision, recall and F1 per kind and per entity type, number value accuracy, \
        and lenient slogan/term scores, as score.py does; kinds the gold has no record of are \
        named on one line instead of scored (--json gives every group, as score.py --json). \
        The gold sets and score.py are not shipped: they live in ../shared (gold/, tools/), \
        beside the repository, with the datasets; corpus/ holds the seed articles.

        Examples:
          zhitu run --format annotations
          zhitu eval ../shared/gold/seeds.entities.jsonl \\
            --predictions out/annotations.jsonl
          zhitu eval ../shared/gold/dev/dev.numbers.jsonl \\
            --input ../shared/gold/dev/texts
        """)

    @Argument(help: "Gold records (JSON Lines); several files separated by commas.") var gold: String
    @Argument(help: "Pipeline config, when running the pipeline instead of reading --predictions (default: ./pipeline.json, else the built-in defaults).") var config: String?
    @Option(name: .long, help: "Predicted records (JSON Lines), e.g. out/annotations.jsonl.") var predictions: String?
    @Option(name: .long, parsing: .upToNextOption, help: "Articles to run the pipeline on.") var input: [String] = []
    @Flag(name: .long, help: "Print the scores as JSON.") var json = false

    func run() throws {
        var goldRecords: [ScoredRecord] = []
        do { for g in gold.split(separator: ",") { goldRecords += try Scorer.load(String(g)) } } catch { fail("\(error)", code: 2) }
        let predicted: [ScoredRecord]
        if let predictions {
            do { predicted = try Scorer.load(predictions) } catch { fail("\(error)", code: 2) }
        } else {
            let cfg = loadConfig(config)
            let collected = InputFiles.collect(inputPaths(input, cfg))
            for p in collected.notes + collected.problems { FileHandle.standardError.write(Data("zhitu: \(p)\n".utf8)) }
            let files = collected.files
            let result = try makePipeline(cfg).run(files)
            predicted = result.documents.flatMap { d in d.records.map { ScoredRecord(annotation: $0, doc: d.id) } }
        }
        let report = Scorer.score(gold: goldRecords, predicted: predicted)
        if json {
            var w = JSONWriter()
            w.beginObject()
            for (k, s) in report.groups.sorted(by: { $0.key < $1.key }) {
                w.beginObject(k); w.field("p", s.precision); w.field("r", s.recall); w.field("f1", s.f1)
                w.field("tp", s.tp); w.field("pred", s.predicted); w.field("gold", s.gold); w.endObject()
            }
            if let v = report.valueAccuracy { w.field("number.value_accuracy", v) }
            for (k, l) in report.lenient.sorted(by: { $0.key < $1.key }) {
                w.beginObject(k + ".lenient"); w.field("p", l.precision); w.field("r", l.recall); w.field("f1", l.f1); w.endObject()
            }
            w.endObject()
            print(w.text)
        } else {
            // a kind without gold would print 0.000 everywhere: name it instead
            var graded = report
            let ungraded = report.groups.filter { $0.value.gold == 0 }.keys.sorted()
            for g in ungraded { graded.groups[g] = nil; graded.lenient[g] = nil }
            graded.lines.forEach { print($0) }
            if !ungraded.isEmpty {
                let predicted = ungraded.filter { !$0.contains(".") }.map { report.groups[$0]!.predicted }.reduce(0, +)
                print("no gold for: \(ungraded.joined(separator: ", ")) (\(predicted) predicted record\(predicted == 1 ? "" : "s") not scored)")
            }
        }
    }
}
