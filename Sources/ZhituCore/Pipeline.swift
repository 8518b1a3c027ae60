// The runner: creates the stages of a validated config and runs documents through them in
// parallel, keeping only each document's records.
import Foundation

/// A document that could not be processed.
public struct DocumentFailure: Sendable, CustomStringConvertible {
    public var path: String
    public var stage: String?
    public var message: String
    public var description: String { stage.map { "\(path): \($0): \(message)" } ?? "\(path): \(message)" }
}

/// Progress of a run, reported after each document.
public struct RunProgress: Sendable {
    public var done: Int
    public var total: Int
    public var bytes: Int
    public var seconds: Double
    /// After the documents: the files the writers are writing now.
    public var writing: [String] = []

    public init(done: Int, total: Int, bytes: Int, seconds: Double, writing: [String] = []) {
        self.done = done; self.total = total; self.bytes = bytes; self.seconds = seconds; self.writing = writing
    }
}

/// What a run did, for the summary line.
public struct RunStats: Sendable {
    public var failures: [DocumentFailure] = []
    public var documents = 0
    public var characters = 0
    /// Records per kind.
    public var kinds: [String: Int] = [:]
    public var bytes = 0
    public var seconds = 0.0

    public init() {}

    mutating func count(_ d: DocumentResult) {
        documents += 1
        characters += d.characters
        for a in d.records { kinds[a.kind.rawValue, default: 0] += 1 }
    }
}

public struct RunResult: Sendable {
    /// Results in document-id order.
    public var documents: [DocumentResult]
    public var stats: RunStats
}

public struct Pipeline: Sendable {
    public struct Instance: Sendable {
        public var config: StageConfig
        public var stage: any Stage
        /// What the stage produces (an external stage says so at run time).
        public var produces: [Layer]
    }
    public let instances: [Instance]

    /// Creates every stage (loading its lexicons and models). Errors name the stage.
    public init(config: PipelineConfig, registry: StageRegistry) throws {
        let builtIn = config.stages.enumerated().filter { $0.element.external == nil }
        let types: [any Stage.Type] = try builtIn.map { i, sc in
            guard let type = registry.type(named: sc.use) else {
                throw ConfigErrors(errors: [ConfigError(file: config.file, path: "stages[\(i)].use", message: "unknown stage \(sc.use)")])
            }
            return type
        }
        // The built-in stages load their resources at once, on all cores: most of the start-up
        // of a run (entities, slogans and terms take 5–8 ms each).
        let started = parallelMap(builtIn.count, jobs: ProcessInfo.processInfo.activeProcessorCount) { k -> Result<any Stage, ConfigErrors> in
            let (i, sc) = builtIn[k]
            let ctx = StageContext(baseDirectory: config.baseDirectory, instanceName: sc.name, optionsPath: "stages[\(i)].options")
            do {
                return .success(try types[k].init(options: sc.options, context: ctx))
            } catch let e as ConfigErrors {
                return .failure(e)
            } catch {
                return .failure(ConfigErrors(errors: [ConfigError(file: config.file, path: "stages[\(i)]", message: "stage \(sc.name) cannot start: \(error)")]))
            }
        }
        var stages: [Int: any Stage] = [:]
        for (k, r) in started.enumerated() { stages[builtIn[k].offset] = try r.get() }
        var list: [Instance] = []
        for (i, sc) in config.stages.enumerated() {
            if let ext = sc.external {
                list.append(Instance(config: sc, stage: ExternalStage(name: sc.name, spec: ext, options: sc.options, directory: config.baseDirectory),
                                     produces: ext.descriptor.produces))
            } else {
                list.append(Instance(config: sc, stage: stages[i]!, produces: type(of: stages[i]!).descriptor.produces))
            }
        }
        instances = list
    }

    /// Runs every stage on one document.
    public func process(_ doc: inout Document) throws {
        for inst in instances {
            do { try inst.stage.process(&doc) } catch {
                throw DocumentFailure(path: doc.path, stage: inst.config.name, message: "\(error)")
            }
            doc.layers.formUnion(inst.produces)
        }
    }

    /// Stage names in order.
    public var stageNames: [String] { instances.map(\.config.name) }

    /// Processes one document given in memory.
    public func process(document: Document) -> Result<DocumentResult, DocumentFailure> {
        process(documents: [document])[0]
    }

    /// CPU seconds per stage (indexed like `stageNames`), summed over the batches given to
    /// `process(documents:clock:)` on one thread.
    public final class StageClock {
        public private(set) var seconds: [Double] = []
        public init() {}
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        func add(_ stage: Int, _ s: Double) {
            if seconds.count <= stage { seconds += Array(repeating: 0, count: stage + 1 - seconds.count) }
            seconds[stage] += s
        }
    }

    /// Documents a worker takes at a time; batch stages get them in one call.
    public static let batchSize = 8

    /// Processes documents given in memory, stage by stage; a document that fails a stage
    /// skips the later ones. A `clock` gets each stage's CPU time on this thread (benchmarks).
    public func process(documents: [Document], clock: StageClock? = nil) -> [Result<DocumentResult, DocumentFailure>] {
        processDocuments(documents, clock: clock).map { $0.map(DocumentResult.init) }
    }

    /// `process(documents:clock:)`, keeping the processed documents whole.
    func processDocuments(_ documents: [Document], clock: StageClock? = nil) -> [Result<Document, DocumentFailure>] {
        var docs = documents
        var failed: [Int: DocumentFailure] = [:]
        var alive = Array(docs.indices)
        for (k, inst) in instances.enumerated() where !alive.isEmpty {
            let started = clock?.now()
            defer { if let clock, let started { clock.add(k, clock.now() - started) } }
            func failure(_ i: Int, _ error: Error) -> DocumentFailure {
                error as? DocumentFailure ?? DocumentFailure(path: docs[i].path, stage: inst.config.name, message: "\(error)")
            }
            if let batchStage = inst.stage as? any BatchStage {
                var batch = alive.map { docs[$0] }
                let errors = batchStage.process(batch: &batch)
                for (k, i) in alive.enumerated() {
                    if let e = errors[k] { failed[i] = failure(i, e) } else { docs[i] = batch[k] }
                }
            } else {
                for i in alive {
                    do { try inst.stage.process(&docs[i]) } catch { failed[i] = failure(i, error) }
                }
            }
            alive = alive.filter { failed[$0] == nil }
            for i in alive { docs[i].layers.formUnion(inst.produces) }
        }
        return docs.indices.map { i in failed[i].map { .failure($0) } ?? .success(docs[i]) }
    }

    /// Processes `files` on `jobs` threads and hands each result to `sink` in document-id
    /// order; the results are identical whatever `jobs` is. Only a window of batches is in
    /// memory at a time, unless a stage needs the whole corpus for `finish`.
    public func run(_ files: [InputFile], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: (@Sendable (RunProgress) -> Void)? = nil,
                    sink: (DocumentResult) throws -> Void) throws -> RunStats {
        try run(files, jobs: jobs, windowBytes: Pipeline.windowBytes, progress: progress, sink: sink)
    }

    /// `run`, handing each document on as one part, and a long one in parts as its windows
    /// finish (see Windows.swift), so that it is never held whole. A sink told to discard a
    /// document drops the parts of it that it was given.
    public func run(_ files: [InputFile], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: (@Sendable (RunProgress) -> Void)? = nil,
                    parts: (PartEvent) throws -> Void) throws -> RunStats {
        try run(files, jobs: jobs, windowBytes: Pipeline.windowBytes, progress: progress, parts: parts)
    }

    /// `run` with a given window size (tests give a small one); a long document's parts are
    /// merged into one result for the sink.
    func run(_ files: [InputFile], jobs: Int, windowBytes: Int,
             progress: (@Sendable (RunProgress) -> Void)?,
             sink: (DocumentResult) throws -> Void) throws -> RunStats {
        var pending: DocumentResult?
        return try run(files, jobs: jobs, windowBytes: windowBytes, progress: progress) { (e: PartEvent) in
            switch e {
            case .part(let d, let last):
                if d.continued { pending!.append(d) } else { pending = d }
                if last, let whole = pending { pending = nil; try sink(whole) }
            case .discard: pending = nil
            }
        }
    }

    /// What a worker made of one file: its result, or that it is long (it is then processed
    /// in windows when its turn comes, so that its parts can go on in document order).
    private enum Outcome: Sendable {
        case done(Result<DocumentResult, DocumentFailure>)
        case long(bytes: Int)
    }

    func run(_ files: [InputFile], jobs: Int, windowBytes: Int,
             progress: (@Sendable (RunProgress) -> Void)?,
             parts: (PartEvent) throws -> Void) throws -> RunStats {
        let start = Date()
        let counter = ProgressCounter()
        let batches = stride(from: 0, to: files.count, by: Pipeline.batchSize).map { $0..<min($0 + Pipeline.batchSize, files.count) }
        let wholeCorpus = instances.contains { type(of: $0.stage).needsWholeCorpus }
        var stats = RunStats()
        var held: [DocumentResult] = []
        let window = max(1, jobs * 4)
        defer { shutdown() }
        for first in stride(from: 0, to: batches.count, by: window) {
            let these = Array(batches[first..<min(first + window, batches.count)])
            let results = parallelMap(these.count, jobs: jobs) { b -> [Outcome] in
                var docs: [Document] = []
                // Results of files that are not in the batch: unreadable, or long (in windows).
                var apart: [Int: Outcome] = [:]
                var bytes = 0
                for i in these[b] {
                    if let size = Pipeline.regularFileSize(files[i].path), size > windowBytes {
                        apart[i] = .long(bytes: size)
                        bytes += size
                        continue
                    }
                    do {
                        let data = try ReadableFile.bytes(files[i].path)
                        bytes += data.count
                        docs.append(Document(id: files[i].id, path: files[i].path, bytes: data))
                    } catch {
                        apart[i] = .done(.failure(DocumentFailure(path: files[i].path, stage: nil, message: (error as? FileProblem)?.reason ?? "\(error)")))
                    }
                }
                var processed = self.process(documents: docs).makeIterator()
                let out = these[b].map { i in apart[i] ?? .done(processed.next()!) }
                let p = counter.add(documents: these[b].count, bytes: bytes)
                progress?(RunProgress(done: p.done, total: files.count, bytes: p.bytes, seconds: Date().timeIntervalSince(start)))
                return out
            }
            for (i, r) in zip(these.joined(), results.joined()) {
                switch r {
                case .done(.success(let d)):
                    if wholeCorpus { held.append(d) } else { stats.count(d); try parts(.part(d, last: true)) }
                case .done(.failure(let f)): stats.failures.append(f)
                case .long:
                    try runLong(files[i], jobs: jobs, windowBytes: windowBytes, stats: &stats, holding: wholeCorpus, held: &held, parts: parts)
                }
            }
        }
        if wholeCorpus {
            try finish(&held)
            for d in held { stats.count(d); try parts(.part(d, last: true)) }
        }
        stats.bytes = counter.bytes
        stats.seconds = Date().timeIntervalSince(start)
        return stats
    }

    /// Processes a long file in windows, its parts to `parts`, or merged into `held` when a
    /// stage needs the whole corpus.
    private func runLong(_ file: InputFile, jobs: Int, windowBytes: Int, stats: inout RunStats,
                         holding: Bool, held: inout [DocumentResult], parts: (PartEvent) throws -> Void) throws {
        let bytes: [UInt8]
        do { bytes = try ReadableFile.bytes(file.path) } catch {
            stats.failures.append(DocumentFailure(path: file.path, stage: nil, message: (error as? FileProblem)?.reason ?? "\(error)"))
            return
        }
        var merged: DocumentResult?
        var counted = RunStats()   // this document's, added when its last part is handed on
        let failure = try processInWindows(id: file.id, path: file.path, meta: nil, bytes: bytes, size: windowBytes, jobs: jobs) { e in
            switch e {
            case .part(let d, let last):
                if holding {
                    if d.continued { merged!.append(d) } else { merged = d }
                    if last { held.append(merged!); merged = nil }
                    return
                }
                if !d.continued { counted.documents += 1; counted.characters += d.characters }
                for a in d.records { counted.kinds[a.kind.rawValue, default: 0] += 1 }
                try parts(e)
            case .discard:
                merged = nil
                counted = RunStats()
                if !holding { try parts(e) }
            }
        }
        if let failure { stats.failures.append(failure); return }
        stats.documents += counted.documents
        stats.characters += counted.characters
        stats.kinds.merge(counted.kinds, uniquingKeysWith: +)
    }

    /// The size of a regular file, or nil (reading it then says why it cannot be read).
    static func regularFileSize(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// Processes `files` and keeps every result in memory.
    public func run(_ files: [InputFile], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> RunResult {
        var docs: [DocumentResult] = []
        let stats = try run(files, jobs: jobs, progress: progress) { docs.append($0) }
        return RunResult(documents: docs, stats: stats)
    }

    /// Runs the corpus-wide `finish` of the stages that need it.
    public func finish(_ docs: inout [DocumentResult]) throws {
        for inst in instances where type(of: inst.stage).needsWholeCorpus { try inst.stage.finish(&docs) }
    }

    /// Stops the child processes of external stages.
    public func shutdown() {
        for inst in instances { (inst.stage as? ExternalStage)?.shutdown() }
    }
}

/// `body(0..<count)` on `jobs` threads, results in index order.
public func parallelMap<T: Sendable>(_ count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let box = ResultBox<T>(count: count)
    let work: @Sendable () -> Void = {
        while let i = box.next() { box.store(i, body(i)) }
    }
    let workers = max(1, min(jobs, count))
    if workers == 1 {
        work()
    } else {
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let t = Thread { work(); group.leave() }
            t.stackSize = 8 << 20
            t.start()
        }
        group.wait()
    }
    return box.results.map { $0! }
}

/// Work cursor and result slots shared by worker threads, behind one lock.
private final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private(set) var results: [T?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < results.count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func store(_ i: Int, _ value: T) {
        lock.lock(); defer { lock.unlock() }
        results[i] = value
    }
}

private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var done = 0
    private(set) var bytes = 0

    func add(documents n: Int, bytes b: Int) -> (done: Int, bytes: Int) {
        lock.lock(); defer { lock.unlock() }
        done += n
        bytes += b
        return (done, bytes)
    }
}

extension DocumentFailure: Error {}
