// `zhitu bench`: throughput (MB/s of UTF-8 input) and peak memory, for segmentation alone and
// for the whole pipeline, on one core and on all cores; then the run with its outputs (BenchRun).
import ArgumentParser
import Foundation
import ZhituCore
import ZhituStages

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput and peak memory (build with -c release).",
        discussion: """
        Builds an input of at least --megabytes MB by repeating the articles of the inputs, then \
        runs the segmentation stages alone and the whole pipeline, single-core and on all cores, \
        then `zhitu run` end to end with the config's outputs (and with annotations only), and \
        each writer alone: its CPU per MB of input.

        Example:
          swift run -c release zhitu bench --input corpus ../shared/corpus-extra
        """)

    @Argument(help: "The pipeline config.") var config = "pipeline.json"
    @Option(name: .long, parsing: .upToNextOption, help: "Articles to build the input from (default: the config's input).")
    var input: [String] = []
    @Option(name: .long, help: "Size of the input to build, in MB (fractions allowed).") var megabytes = 10.0
    @Option(name: .long, help: "Threads for the all-cores runs.") var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard megabytes > 0 else { throw ValidationError("--megabytes must be more than 0") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let cfg = loadConfig(config)
        let files = InputFiles.collect(inputPaths(input, cfg)).files
        let texts = files.compactMap { FileManager.default.contents(atPath: $0.path).map(Array.init) }.filter { !$0.isEmpty }
        guard !texts.isEmpty else { fail("no articles to build the benchmark input from", code: 1) }
        var docs: [[UInt8]] = []
        var total = 0
        while Double(total) < megabytes * 1_000_000 { for t in texts { docs.append(t); total += t.count } }
        print(String(format: "input: %d documents, %.1f MB (from %d articles); ICU %@", docs.count, Double(total) / 1e6, texts.count, icuVersion))

        // Calibration: ICU's word break iterator alone over the same text.
        let utf16 = docs.map { Array(String(decoding: $0, as: UTF8.self).utf16) }
        let icuStart = Date()
        for u in utf16 { _ = icuWordBreakCount(u) }
        let icuSeconds = Date().timeIntervalSince(icuStart)
        print(String(format: "ICU word break alone, 1 thread: %6.2f MB/s", Double(total) / 1e6 / icuSeconds))

        let full = makePipeline(cfg)
        let segmentationUses: Set<String> = ["read", "normalize", "sentences", "segment"]
        var segCfg = cfg
        segCfg.stages = cfg.stages.filter { segmentationUses.contains($0.use) }
        let seg = makePipeline(segCfg)
        for (label, p) in [("segmentation", seg), ("whole pipeline", full)] {
            for j in Set([1, jobs]).sorted() {
                let s = measure(p, docs, jobs: j)
                print(String(format: "%-15@ %d thread%@: %6.2f MB/s  (%.2fs)", label as NSString, j, j == 1 ? " " : "s", Double(total) / 1e6 / s, s))
            }
        }
        // Cost of each stage on one thread: CPU time spent in it, over the whole input.
        let clock = Pipeline.StageClock()
        for batch in batches(docs) { _ = full.process(documents: batch, clock: clock) }
        var line = "per stage, 1 thread, CPU (ms/MB):"
        for (name, s) in zip(full.stageNames, clock.seconds) { line += String(format: " %@ %.0f", name, s * 1000 / (Double(total) / 1e6)) }
        line += String(format: " (sum %.0f)", clock.seconds.reduce(0, +) * 1000 / (Double(total) / 1e6))
        print(line)
        print(String(format: "peak memory (RSS): %.0f MB", peakRSSMegabytes()))
        do { try measureRun(full, name: cfg.name, formats: cfg.outputs, docs: docs, megabytes: Double(total) / 1e6) } catch {
            fail("bench: \(FileProblem.words(error))", code: 1)
        }
    }

    /// The documents in batches, as `zhitu run` hands them to its workers.
    func batches(_ docs: [[UInt8]]) -> [[Document]] {
        stride(from: 0, to: docs.count, by: Pipeline.batchSize).map { from in
            (from..<min(from + Pipeline.batchSize, docs.count)).map { Document(id: "bench\($0)", path: "bench", bytes: docs[$0]) }
        }
    }

    /// Seconds to process every document with `jobs` threads, in batches as `zhitu run` does.
    func measure(_ p: Pipeline, _ docs: [[UInt8]], jobs: Int) -> Double {
        let work = batches(docs)
        let start = Date()
        _ = parallelMap(work.count, jobs: jobs) { i in p.process(documents: work[i]).count }
        return Date().timeIntervalSince(start)
    }
}

/// Peak resident set size from /proc (Linux); 0 where unavailable.
func peakRSSMegabytes() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}
