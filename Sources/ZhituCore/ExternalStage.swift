// Stages in any language: a child process that speaks newline-delimited JSON on stdin/stdout.
//
//   zhitu → child  {"type": "describe"}
//   child → zhitu  {"type": "describe", "name", "version", "requires": [...], "produces": [...],
//                   "options": {"top_k": {"type": "integer", "default": 5, "help": "…"}}}
//   zhitu → child  {"type": "process", "options": {...}, "documents": [{"id", "date", "text",
//                   "sentences": [[start, end], …], "tokens": [[start, end], …],
//                   "annotations": [{"kind", "type", "text", "start", "end", …}, …]}]}
//   child → zhitu  {"type": "result", "documents": [{"id", "annotations": [{"kind", "type"?,
//                   "start", "end", "text"?, "value"?, "unit"?, "head"?, "tail"?, …}]}]}
//
// Offsets are Unicode scalar (code point) offsets into `text`, end exclusive. The child's
// stderr is passed through, each line prefixed with the stage name. One child runs per
// worker thread and serves every document that thread gets.
import Foundation

/// The parts of a stage entry that only external stages have.
public struct ExternalSpec: Sendable {
    public var command: [String]
    public var timeout: Double
    public var descriptor: StageDescriptor
    /// The longest answer time a config may ask for, in seconds (a day).
    public static let maxTimeout = 86_400.0
}

/// An error of an external stage, naming it (and the document, where there is one).
public struct ExternalStageError: Error, CustomStringConvertible {
    public var stage: String
    public var message: String
    public var description: String { "external stage \(stage): \(message)" }
}

/// One running child process with line-based I/O and a timeout on every answer.
final class ExternalChild: @unchecked Sendable {
    let name: String
    let process = Process()
    private let input: FileHandle
    private let outputFD: Int32
    private var buffer: [UInt8] = []
    private let stdoutPipe = Pipe(), stdinPipe = Pipe(), stderrPipe = Pipe()

    init(command: [String], directory: URL, name: String) throws {
        self.name = name
        guard let exe = command.first else { throw ExternalStageError(stage: name, message: "empty command") }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [exe] + command.dropFirst()
        process.currentDirectoryURL = directory
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        input = stdinPipe.fileHandleForWriting
        outputFD = stdoutPipe.fileHandleForReading.fileDescriptor
        let prefix = "[\(name)] "
        let pending = StderrLines()
        stderrPipe.fileHandleForReading.readabilityHandler = { h in
            let chunk = h.availableData
            if chunk.isEmpty { h.readabilityHandler = nil; return }
            for line in pending.add(chunk) { FileHandle.standardError.write(Data(prefix.utf8) + line) }
        }
        signal(SIGPIPE, SIG_IGN)
        do { try process.run() } catch {
            throw ExternalStageError(stage: name, message: "cannot start \(command.joined(separator: " ")): \(error.localizedDescription)")
        }
    }

    /// Sends one request line and waits up to `timeout` seconds for one answer line.
    func call(_ request: Data, timeout: Double) throws -> Data {
        do { try input.write(contentsOf: request + Data([0x0A])) } catch {
            throw ExternalStageError(stage: name, message: "exited before reading its request\(exitNote())")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var scanned = 0   // bytes of `buffer` known to hold no line end
        while true {
            if let nl = buffer[scanned...].firstIndex(of: 0x0A) {
                let line = Data(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return line
            }
            scanned = buffer.count
            if buffer.count > ExternalChild.maxLine {
                buffer = []
                stop(grace: 0)
                throw ExternalStageError(stage: name, message: "answered more than \(ExternalChild.maxLine >> 20) MB without a line end; stopped it")
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                stop(grace: 0)
                throw ExternalStageError(stage: name, message: "no answer within \(Int(clamping: timeout)) s (the timeout); stopped it")
            }
            var pfd = pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(left, 1) * 1000))
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = read(outputFD, &chunk, chunk.count)
            if n <= 0 { throw ExternalStageError(stage: name, message: "exited without answering\(exitNote())") }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    private func exitNote() -> String {
        process.waitUntilExit()
        return " (exit status \(process.terminationStatus))"
    }

    /// The longest answer line read, in bytes: a child that writes without line ends is
    /// stopped instead of being buffered whole.
    static let maxLine = 64 << 20
    /// Seconds a child has between SIGTERM and SIGKILL.
    static let killGrace = 2.0

    /// Closes the child's stdin (its signal to finish), sends SIGTERM if it does not exit
    /// within `grace` seconds and SIGKILL if it ignores that too, then reaps it: no child
    /// outlives its stage as an orphan.
    func stop(grace: Double = 2) {
        try? input.close()
        func wait(_ seconds: Double) {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(10_000) }
        }
        wait(grace)
        guard process.isRunning else { return }
        process.terminate()
        wait(ExternalChild.killGrace)
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { if process.isRunning { stop() } }
}

/// Splits a child's stderr into lines (handlers for one pipe run one at a time).
private final class StderrLines: @unchecked Sendable {
    private var pending = Data()
    func add(_ chunk: Data) -> [Data] {
        pending.append(chunk)
        var lines: [Data] = []
        while let nl = pending.firstIndex(of: 0x0A) {
            lines.append(Data(pending[pending.startIndex...nl]))
            pending.removeSubrange(pending.startIndex...nl)
        }
        return lines
    }
}

/// The `describe` handshake: starts the command once and reads its descriptor.
public enum ExternalHandshake {
    public static func describe(command: [String], directory: URL, name: String, timeout: Double) throws -> StageDescriptor {
        let child = try ExternalChild(command: command, directory: directory, name: name)
        defer { child.stop() }
        let answer = try child.call(Data(#"{"type":"describe"}"#.utf8), timeout: timeout)
        guard case .object? = try? JSONValue.parse(Array(answer)), let json = try? JSONValue.parse(Array(answer)),
              case .string("describe")? = json["type"] else {
            throw ExternalStageError(stage: name, message: "answered describe with something other than {\"type\": \"describe\", …}")
        }
        func strings(_ key: String) -> [String] {
            if case .array(let items)? = json[key] { return items.compactMap { if case .string(let s) = $0 { return s }; return nil } }
            return []
        }
        var options: [OptionSpec] = []
        if case .object(let pairs)? = json["options"] {
            for (optName, spec) in pairs {
                let kinds: [String: OptionSpec.Kind] = ["integer": .int, "number": .double, "boolean": .bool, "string": .string, "strings": .strings]
                guard case .string(let t)? = spec["type"], let kind = kinds[t] else {
                    throw ExternalStageError(stage: name, message: "option \(optName): \"type\" must be one of integer, number, boolean, string, strings")
                }
                let d: OptionValue
                switch (kind, spec["default"]) {
                case (.int, .number(let x, _)?) where Int(exactly: x) != nil: d = .int(Int(exactly: x)!)
                case (.double, .number(let x, _)?): d = .double(x)
                case (.bool, .bool(let b)?): d = .bool(b)
                case (.string, .string(let s)?): d = .string(s)
                case (.strings, .array(let a)?): d = .strings(a.compactMap { if case .string(let s) = $0 { return s }; return nil })
                default: throw ExternalStageError(stage: name, message: "option \(optName): \"default\" must be \(kind.rawValue)")
                }
                var help = ""
                if case .string(let h)? = json["options"]?[optName]?["help"] { help = h }
                options.append(OptionSpec(optName, kind, default: d, help: help))
            }
        }
        var version = "0", summary = ""
        if case .string(let v)? = json["version"] { version = v }
        if case .string(let v)? = json["summary"] { summary = v }
        return StageDescriptor(use: "external", version: version, summary: summary,
                               requires: strings("requires").map(Layer.init(rawValue:)),
                               produces: strings("produces").map(Layer.init(rawValue:)), options: options)
    }
}

/// The stage that runs an external command. Created by the pipeline, not the registry.
public final class ExternalStage: BatchStage, @unchecked Sendable {
    public static let descriptor = StageDescriptor(
        use: "external", version: "1.0",
        summary: "Run a stage written in any language: \"command\": [...] speaks JSON Lines (see README, External stages).",
        requires: [], produces: [])

    let name: String
    let spec: ExternalSpec
    let options: StageOptions
    let directory: URL
    private let lock = NSLock()
    private var idle: [ExternalChild] = []

    public required convenience init(options: StageOptions, context: StageContext) throws {
        throw ExternalStageError(stage: context.instanceName, message: "needs \"command\"")
    }

    public init(name: String, spec: ExternalSpec, options: StageOptions, directory: URL) {
        self.name = name
        self.spec = spec
        self.options = options
        self.directory = directory
    }

    deinit { for c in idle { c.stop() } }

    public func process(_ doc: inout Document) throws {
        var batch = [doc]
        if let error = process(batch: &batch)[0] { throw error }
        doc = batch[0]
    }

    /// Sends the whole batch in one request to a child of this worker.
    public func process(batch: inout [Document]) -> [Error?] {
        let child: ExternalChild
        lock.lock()
        if let c = idle.popLast() { lock.unlock(); child = c } else {
            lock.unlock()
            do { child = try ExternalChild(command: spec.command, directory: directory, name: name) } catch {
                return batch.map { _ in error }
            }
        }
        let answer: Data
        do { answer = try child.call(request(batch), timeout: spec.timeout) } catch {
            child.stop(grace: 0)
            let ids = batch.map(\.id).joined(separator: ", ")
            return batch.map { _ in ExternalStageError(stage: name, message: "documents \(ids): \(error is ExternalStageError ? (error as! ExternalStageError).message : "\(error)")") }
        }
        lock.lock(); idle.append(child); lock.unlock()
        let documents: [String: Answer.Doc]
        do { documents = try decode(answer) } catch { return batch.map { _ in error } }
        return batch.indices.map { i in
            do { try apply(documents[batch[i].id], to: &batch[i]); return nil } catch { return error }
        }
    }

    /// Closes every child (called at the end of a run).
    public func shutdown() {
        lock.lock(); let all = idle; idle = []; lock.unlock()
        for c in all { c.stop() }
    }

    func request(_ docs: [Document]) -> Data {
        var w = JSONWriter()
        w.beginObject()
        w.field("type", "process")
        w.beginObject("options")
        for k in options.values.keys.sorted() { w.field(k, GraphValue(options.values[k]!)) }
        w.endObject()
        w.beginArray("documents")
        for doc in docs {
        w.beginObject()
        w.field("id", doc.id)
        w.field("date", doc.meta.date)
        w.field("text", doc.string(0..<doc.text.count))
        w.raw(",\"sentences\":[" + doc.sentences.map { "[\($0.start),\($0.end)]" }.joined(separator: ",") + "]")
        w.raw(",\"tokens\":[" + doc.tokens.map { "[\($0.start),\($0.end)]" }.joined(separator: ",") + "]")
        w.raw(",\"annotations\":[" + doc.annotations.map { RecordCodec.line($0, doc: doc.id) }.joined(separator: ",") + "]")
        w.endObject()
        }
        w.endArray()
        w.endObject()
        return Data(w.text.utf8)
    }

    struct Answer: Decodable {
        struct Doc: Decodable { var id: String; var annotations: [Item] }
        struct Item: Decodable {
            var kind: String
            var start: Int
            var end: Int
            var type, text, unit, qualifier, subject, numtype, head, tail, org, canonical: String?
            var value: AnnotationValue?
        }
        var type: String
        var documents: [Doc]
    }

    /// The answer's documents by id.
    func decode(_ answer: Data) throws -> [String: Answer.Doc] {
        let a: Answer
        do { a = try JSONDecoder().decode(Answer.self, from: answer) } catch {
            throw ExternalStageError(stage: name, message: "invalid answer (expected {\"type\": \"result\", \"documents\": [{\"id\", \"annotations\": [...]}]}): \(String(decoding: answer.prefix(120), as: UTF8.self))")
        }
        guard a.type == "result" else { throw ExternalStageError(stage: name, message: "answered with type \"\(a.type)\", expected \"result\"") }
        return Dictionary(a.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func apply(_ answer: Answer.Doc?, to doc: inout Document) throws {
        let id = doc.id, stage = name
        func fail(_ m: String) -> ExternalStageError { ExternalStageError(stage: stage, message: "document \(id): \(m)") }
        guard let answer else { throw fail("the answer has no result for this document") }
        for item in answer.annotations {
            guard !item.kind.isEmpty, !Annotation.Kind.reserved.contains(item.kind) else {
                throw fail("annotation kind \(item.kind.isEmpty ? "\"\"" : item.kind) is reserved for zhitu's own records (\(Annotation.Kind.reserved.sorted().joined(separator: ", "))); name the kind after what the stage finds")
            }
            guard item.start >= 0, item.start < item.end, item.end <= doc.text.count else {
                throw fail("annotation \(item.kind) \(item.start)..<\(item.end) is outside the text (0..<\(doc.text.count))")
            }
            doc.annotate(Annotation.Kind(rawValue: item.kind), item.start..<item.end, type: item.type) { x in
                if let t = item.text { x.text = t }
                x.unit = item.unit; x.qualifier = item.qualifier; x.subject = item.subject; x.numtype = item.numtype
                x.head = item.head; x.tail = item.tail; x.org = item.org; x.canonical = item.canonical; x.value = item.value
            }
        }
    }
}

extension GraphValue {
    init(_ o: OptionValue) {
        switch o {
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .strings(let l): self = .strings(l)
        }
    }
}
