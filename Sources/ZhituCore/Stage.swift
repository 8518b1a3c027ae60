// The Stage protocol: a small declared unit that adds annotation layers to a document.
import Foundation

/// A named annotation layer that stages require and produce ("text", "sentences", "tokens", …).
public struct Layer: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: Layer, b: Layer) -> Bool { a.rawValue < b.rawValue }

    /// Decoded original text and metadata.
    public static let text: Layer = "text"
    /// Normalised text with offset map, and layout blocks.
    public static let normalized: Layer = "normalized"
    public static let sentences: Layer = "sentences"
    public static let tokens: Layer = "tokens"
    public static let entities: Layer = "entities"
    public static let relations: Layer = "relations"
    public static let numbers: Layer = "numbers"
    public static let slogans: Layer = "slogans"
    public static let terms: Layer = "terms"
}

/// What a stage says about itself: checked against the pipeline before any document is read.
public struct StageDescriptor: Sendable {
    /// The name `pipeline.json` uses in `"use"`.
    public var use: String
    public var version: String
    public var summary: String
    public var requires: [Layer]
    public var produces: [Layer]
    public var options: [OptionSpec]
    /// Whether a config without "stages" runs it (false for examples, such as the tutorial stage).
    public var inDefaultPipeline: Bool

    public init(use: String, version: String, summary: String, requires: [Layer], produces: [Layer],
                options: [OptionSpec] = [], inDefaultPipeline: Bool = true) {
        self.inDefaultPipeline = inDefaultPipeline
        self.use = use
        self.version = version
        self.summary = summary
        self.requires = requires
        self.produces = produces
        self.options = options
    }
}

/// What a stage gets when it is created.
public struct StageContext: Sendable {
    /// Folder that relative paths in the config (user lexicons …) are resolved against.
    public var baseDirectory: URL
    /// The instance name from `pipeline.json`, for messages.
    public var instanceName: String
    /// Key path prefix of this stage's options, e.g. `stages[3].options`, for error messages.
    public var optionsPath: String

    public init(baseDirectory: URL, instanceName: String, optionsPath: String) {
        self.baseDirectory = baseDirectory
        self.instanceName = instanceName
        self.optionsPath = optionsPath
    }

    /// Resolves a path from the config against `baseDirectory`.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
    }
}

/// A pipeline stage. Instances are created once per run and shared by all worker threads, so
/// `process` must not mutate the stage; load resources in `init`.
public protocol Stage: Sendable {
    static var descriptor: StageDescriptor { get }
    init(options: StageOptions, context: StageContext) throws
    /// Adds this stage's layers to one document.
    func process(_ document: inout Document) throws
    /// Called once after every document was processed, with all records of the corpus, for
    /// stages that decide with corpus-wide evidence (document frequency, repetition).
    /// Only called when `needsWholeCorpus` is true: the run then keeps every record in memory
    /// instead of streaming them to disk.
    func finish(_ corpus: inout [DocumentResult]) throws
    static var needsWholeCorpus: Bool { get }
}

public extension Stage {
    func finish(_ corpus: inout [DocumentResult]) throws {}
    static var needsWholeCorpus: Bool { false }
}

/// A stage that handles several documents per call (an external process, a model that
/// batches). The runner gives it up to `Pipeline.batchSize` documents at a time.
public protocol BatchStage: Stage {
    /// Processes `batch` in place; returns one error (or nil) per document.
    func process(batch: inout [Document]) -> [Error?]
}

/// A stage failed on one document; the run goes on with the others.
public struct StageFailure: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
