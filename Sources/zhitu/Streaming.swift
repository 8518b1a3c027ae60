// `zhitu run --stdin-jsonl`: documents in as JSON Lines on stdin, records out as JSON Lines
// on stdout, in input order and in batches, so any engine (Spark, a shell pipe) can pipe
// through zhitu with bounded memory.
import Foundation
import ZhituCore

enum Streaming {
    /// One input line: {"id", "text"} or {"id", "path"}, with optional date, title, source.
    struct Input {
        var id: String
        /// The article, or
        var text: String?
        /// a file to read it from (for engines that hand out paths on a shared filesystem).
        var path: String?
        var date: String?
        var title: String?
        var source: String?

        static let shape = "expected {\"id\": …, \"text\": …} or {\"id\": …, \"path\": …} (optional date, title, source)"

        /// Parses one line with the project's JSON reader: invalid UTF-8 and deep nesting are
        /// errors here, where Foundation's decoder would replace or recurse.
        init(line: [UInt8]) throws {
            let json: JSONValue
            do { json = try JSONValue.parse(line) } catch { throw InputProblem("\(Input.shape): \(error)") }
            guard case .object = json else { throw InputProblem(Input.shape) }
            func string(_ key: String) throws -> String? {
                switch json[key] {
                case nil, .null?: return nil
                case .string(let s)?: return s
                case let v?: throw InputProblem("\"\(key)\" must be a string, got \(v.shortDescription)")
                }
            }
            guard let id = try string("id") else { throw InputProblem(Input.shape) }
            guard !id.isEmpty else { throw InputProblem("\"id\" is empty; give every document its own id") }
            // ids become file names, CSV cells and database keys, where a NUL or a line break cuts or splits them
            if let c = id.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw InputProblem("\"id\" holds a control character (U+\(String(format: "%04X", c.value))); use printable ids")
            }
            self.id = id
            text = try string("text")
            path = try string("path")
            date = try string("date")
            title = try string("title")
            source = try string("source")
        }
    }

    struct InputProblem: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The bytes of a `path` input: a regular file, under `root` when one is given (the path
    /// with its symbolic links resolved, so a link cannot lead out of it).
    static func read(_ path: String, under root: String?) throws -> [UInt8] {
        if let root {
            guard let real = realpath(path, nil) else { throw FileProblem(path: path, reason: ReadableFile.reason(errno)) }
            defer { free(real) }
            let resolved = String(cString: real)
            guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                throw FileProblem(path: path, reason: "is outside --path-root \(root)")
            }
            return try ReadableFile.bytes(resolved)
        }
        return try ReadableFile.bytes(path)
    }

    /// Lines of stdin as bytes (the newline dropped): `readLine` would repair invalid UTF-8
    /// into U+FFFD without a word.
    struct ByteLines {
        private var buffer: [UInt8] = []
        private var start = 0
        /// Where to look for the next line end: a long line is not rescanned at every read.
        private var scanned = 0
        private var eof = false

        mutating func next() -> [UInt8]? {
            while true {
                if let nl = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                    let line = Array(buffer[start..<nl])
                    start = nl + 1
                    scanned = start
                    return line
                }
                scanned = buffer.count
                if eof {
                    guard start < buffer.count else { return nil }
                    defer { start = buffer.count }
                    return Array(buffer[start...])
                }
                buffer.removeFirst(start)
                scanned -= start
                start = 0
                let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
                if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk) }
            }
        }
    }

    /// Processes stdin to stdout; returns the number of lines that failed. `root`, when set,
    /// is a resolved folder that every `path` input must lie under.
    static func run(_ pipeline: Pipeline, jobs: Int, pathRoot root: String? = nil) -> Int {
        let batchSize = max(64, jobs * 32)
        var batch: [Document] = []
        var failed = 0
        var lineNumber = 0
        // every id seen, with its line: a second document under one id would be merged with
        // the first by `zhitu graph --from`
        var seen: [String: Int] = [:]

        func flush() {
            let docs = batch
            batch.removeAll(keepingCapacity: true)
            var results: [DocumentResult] = []
            for r in parallelMap(docs.count, jobs: jobs, { pipeline.process(document: docs[$0]) }) {
                switch r {
                case .success(let d): results.append(d)
                case .failure(let f):
                    failed += 1
                    FileHandle.standardError.write(Data("zhitu: \(f)\n".utf8))
                }
            }
            do { try pipeline.finish(&results) } catch {
                FileHandle.standardError.write(Data("zhitu: \(error)\n".utf8))
            }
            FileHandle.standardOutput.write(Data(results.map(RecordCodec.lines).joined().utf8))
        }
        func problem(_ message: String) {
            failed += 1
            FileHandle.standardError.write(Data("zhitu: stdin:\(lineNumber): \(message)\n".utf8))
        }

        var lines = ByteLines()
        while let line = lines.next() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let input: Input
            do { input = try Input(line: line) } catch { problem("\(error)"); continue }
            if let first = seen[input.id] {
                problem("document id \(input.id) is already used by line \(first); skipped")
                continue
            }
            seen[input.id] = lineNumber
            var doc: Document
            if let text = input.text {
                doc = Document(id: input.id, path: "stdin:\(lineNumber)", bytes: Array(text.utf8))
            } else if let path = input.path {
                do { doc = Document(id: input.id, path: path, bytes: try read(path, under: root)) } catch {
                    problem("document \(input.id): \(error)")
                    continue
                }
            } else {
                problem("document \(input.id): neither \"text\" nor \"path\"")
                continue
            }
            doc.meta = DocumentMeta(date: input.date, title: input.title, source: input.source)
            batch.append(doc)
            if batch.count == batchSize { flush() }
        }
        if !batch.isEmpty { flush() }
        pipeline.shutdown()
        return failed
    }
}
