// The OutputWriter protocol: one output format (graph.json, annotations.jsonl, GraphML …),
// chosen by name in pipeline.json "outputs". Writers are modules registered like stages.
import Foundation

/// Everything a writer may read: the records of every document and the graph built from them.
public final class RunOutput: @unchecked Sendable {
    public let name: String
    /// Documents in id order (read back from disk for large runs: iterate, don't index);
    /// empty when exporting from an existing graph file.
    public var documents: DocumentResults {
        lock.lock(); defer { lock.unlock() }
        return decoded ?? given
    }
    private let given: DocumentResults
    /// The documents decoded once by `prepare`.
    private var decoded: DocumentResults?
    /// Which version and config made these records, for writers to include; nil when unknown
    /// (annotation files or a graph.json written without it).
    public let provenance: Provenance?
    /// How many threads the run's writers may use in all (set by `prepare`): a writer may
    /// build parts of its files on threads of its own when this is more than one.
    public internal(set) var threads = 1
    /// The documents' characters in all, counted by `prepare`; nil before it ran.
    public private(set) var characters: Int?
    /// Where the graph's per-document parts are spilled while the output lives.
    let spillDirectory: URL
    private let lock = NSLock()
    private var givenGraph: KnowledgeGraph?
    private var builtGraph: SpilledGraph?

    public convenience init(name: String, documents: [DocumentResult], graph: KnowledgeGraph? = nil, provenance: Provenance? = nil) {
        self.init(name: name, documents: DocumentResults(documents), graph: graph, provenance: provenance)
    }

    /// `spillDirectory` (default: the temporary folder) holds the graph's temporary files.
    public init(name: String, documents: DocumentResults, graph: KnowledgeGraph? = nil, spillDirectory: URL? = nil,
                provenance: Provenance? = nil) {
        self.name = name
        self.provenance = provenance
        given = documents
        givenGraph = graph
        self.spillDirectory = spillDirectory ?? FileManager.default.temporaryDirectory
    }

    /// The knowledge graph for writers to read in passes, built on first use with its
    /// per-document parts on disk, so memory stays bounded on any corpus.
    public func graphSource() throws -> any GraphSource {
        lock.lock(); defer { lock.unlock() }
        if let g = givenGraph { return g }
        if let g = builtGraph { return g }
        let g = try GraphBuilder.stream(decoded ?? given, name: name, directory: spillDirectory)
        builtGraph = g
        return g
    }

    /// Before several writers read this output: decodes the records once into a spill that
    /// every later pass reads, building the graph in the same pass when `graph` is set, on up
    /// to two of `threads` (the number the writers may then use in all).
    public func prepare(graph: Bool, threads: Int = 1) throws {
        lock.lock(); defer { lock.unlock() }
        self.threads = max(1, threads)
        guard decoded == nil else { return }
        var count = 0
        guard graph && givenGraph == nil && builtGraph == nil else {
            decoded = try given.decoded(into: spillDirectory) { count += $0.characters }
            characters = count
            return
        }
        builtGraph = try GraphBuilder.stream(name: name, directory: spillDirectory) { add in
            decoded = try given.decoded(into: spillDirectory, threads: threads) { d in
                count += d.characters
                try add(d)
            }
        }
        characters = count
    }
}

public protocol OutputWriter: Sendable {
    /// The name used in pipeline.json "outputs".
    static var format: String { get }
    static var summary: String { get }
    /// Whether it reads the graph of a run's records (default: yes); see `WriterRun`.
    static var readsGraph: Bool { get }
    /// The files it makes, for progress lines (default: the start of `summary`).
    static var files: String { get }
    init()
    /// Writes into `directory` (which exists), each file atomically (see `AtomicFile`).
    func write(_ output: RunOutput, to directory: URL) throws
}
