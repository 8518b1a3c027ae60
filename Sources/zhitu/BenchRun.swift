// `zhitu bench`, second part: what a user's `zhitu run` costs beyond the stages: each
// writer's CPU per MB of input, and the end-to-end run with the config's outputs.
import Foundation
import ZhituCore
import ZhituStages

extension Bench {
    /// Writes the benchmark input as article files (a `zhitu run` reads files), runs the
    /// pipeline end to end with `formats` on one and on `jobs` threads and with annotations
    /// only, then times every writer alone on one thread over the records of that run.
    func measureRun(_ pipeline: Pipeline, name: String, formats: [String], docs: [[UInt8]], megabytes mb: Double) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zhitu-bench-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (i, d) in docs.enumerated() { try Data(d).write(to: input.appendingPathComponent(String(format: "bench%06d.txt", i))) }
        let files = InputFiles.collect([input.path]).files

        /// Seconds of a whole run into a fresh output folder.
        func run(_ formats: [String], jobs: Int) throws -> Double {
            let out = dir.appendingPathComponent("out")
            try? FileManager.default.removeItem(at: out)
            let set = try OutputSet(target: out.path)
            do {
                let start = Date()
                _ = try Outputs.run(pipeline, files, jobs: jobs, progress: nil, name: name, formats: formats, into: set)
                return Date().timeIntervalSince(start)
            } catch { set.abandon(); throw error }
        }
        var annotationsOnly = 0.0
        for j in Set([1, jobs]).sorted() {
            let full = try run(formats, jobs: j)
            let records = try run([Outputs.annotations], jobs: j)
            if j == 1 { annotationsOnly = records }
            print(String(format: "run, %d output%@ %d thread%@: %6.2f MB/s  (%.2fs; annotations only %.2fs, %.2fx)", formats.count,
                         formats.count == 1 ? "," : "s,", j, j == 1 ? " " : "s", mb / full, full, records, full / max(records, 1e-9)))
        }

        // Each writer alone, on one thread, over the records of the last run.
        let records = dir.appendingPathComponent("out/annotations.jsonl")
        let output = RunOutput(name: name, documents: DocumentResults(file: records), spillDirectory: dir)
        let writers = formats.filter { $0 != Outputs.annotations }.compactMap { StageRegistry.builtIn.writer(named: $0) }
        let cpu = WriterRun.threadCPUSeconds()
        try output.prepare(graph: writers.contains { $0.readsGraph })
        var line = String(format: "per writer, 1 thread, CPU (ms/MB): records+graph %.0f", (WriterRun.threadCPUSeconds() - cpu) * 1000 / mb)
        var sum = WriterRun.threadCPUSeconds() - cpu
        for w in writers {
            let into = dir.appendingPathComponent("writer-\(w.format)")
            try FileManager.default.createDirectory(at: into, withIntermediateDirectories: true)
            let t = try WriterRun.run([w], output, to: into, jobs: 1)[0]
            try? FileManager.default.removeItem(at: into)
            line += String(format: " %@ %.0f", w.format, t.cpuSeconds * 1000 / mb)
            sum += t.cpuSeconds
        }
        print(line + String(format: " (sum %.0f; %.0f%% of a one-thread run)", sum * 1000 / mb, 100 * sum / max(sum + annotationsOnly, 1e-9)))
    }
}
