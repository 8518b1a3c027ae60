// Runs several output writers over one RunOutput at once: the shared graph is built first,
// then the writers fan out over a bounded number of threads, each into its own files.
import Foundation

public enum WriterRun {
    /// What one writer cost: CPU seconds of the thread that ran it, and wall seconds.
    public struct Timing: Sendable {
        public var format: String
        public var cpuSeconds: Double
        public var seconds: Double
    }

    /// Runs `writers` into `directory` on up to `jobs` threads. The records are decoded once
    /// and the graph, when a writer reads it, built in the same pass before any writer starts
    /// (`RunOutput.prepare`), so no writer waits on another's build.
    /// `writing` is told the files still being written as each writer starts and ends. When
    /// writers fail, the first failure in the order of `writers` is thrown, after every
    /// writer has ended (the caller then abandons the whole output set).
    ///
    /// Each writer writes only its own files and reads the output through its own iterators,
    /// so what it writes does not depend on which writers run beside it.
    @discardableResult
    public static func run(_ writers: [any OutputWriter.Type], _ output: RunOutput, to directory: URL, jobs: Int,
                           writing: (@Sendable ([String]) -> Void)? = nil) throws -> [Timing] {
        if writers.isEmpty { return [] }   // annotations only: nothing reads the records back
        let graph = writers.contains { $0.readsGraph }
        if graph { writing?(["the graph"]) }
        try output.prepare(graph: graph, threads: jobs)
        let running = Running(writing)
        // The worker threads may outlive the run by a moment, holding what their closure
        // holds: the output is reached through a box emptied before returning, so that the
        // graph's spill folder goes with the caller's output, before the set is swapped in.
        let shared = Box(output)
        defer { shared.value = nil }
        let results = parallelMap(writers.count, jobs: max(1, jobs)) { i -> Result<Timing, any Error> in
            let w = writers[i]
            running.start(i, w.files)
            defer { running.end(i) }
            let cpu = threadCPUSeconds(), start = Date()
            do { try w.init().write(shared.value!, to: directory) } catch { return .failure(error) }
            return .success(Timing(format: w.format, cpuSeconds: threadCPUSeconds() - cpu, seconds: Date().timeIntervalSince(start)))
        }
        return try results.map { try $0.get() }
    }

    /// The CPU time of the calling thread.
    public static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private final class Box: @unchecked Sendable {
        var value: RunOutput?
        init(_ value: RunOutput) { self.value = value }
    }

    /// The files of the writers running now, in the order of the writers.
    private final class Running: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [Int: String] = [:]
        private let report: (@Sendable ([String]) -> Void)?

        init(_ report: (@Sendable ([String]) -> Void)?) { self.report = report }

        func start(_ i: Int, _ name: String) { update { $0[i] = name } }
        func end(_ i: Int) { update { $0[i] = nil } }

        private func update(_ change: (inout [Int: String]) -> Void) {
            guard let report else { return }
            lock.lock(); defer { lock.unlock() }
            change(&files)
            if !files.isEmpty { report(files.keys.sorted().map { files[$0]! }) }
        }
    }
}

extension OutputWriter {
    /// Whether the writer reads `RunOutput.graphSource()` on a run's records (the table
    /// writers read only the records).
    public static var readsGraph: Bool { true }

    /// The files the writer makes, for progress lines: the start of its summary, up to the
    /// first colon or parenthesis (`graph.sqlite`, `graph.ttl and graph.jsonld`).
    public static var files: String {
        let cut = summary.firstIndex { $0 == ":" || $0 == "(" } ?? summary.endIndex
        let s = summary[..<cut].trimmingCharacters(in: .whitespaces)
        return s.isEmpty ? format : s
    }
}
