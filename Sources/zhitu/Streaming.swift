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
                    // A long line (a whole article) is handed over in the buffer's own storage
                    // and the short rest copied, so the article is not held twice.
                    if start == 0, nl > 1 << 20 {
                        var line = Array(buffer[(nl + 1)...])
                        swap(&line, &buffer)
                        line.removeSubrange(nl...)
                        scanned = 0
                        return line
                    }
                    let line = Array(buffer[start..<nl])
                    start = nl + 1
                    scanned = start
                    return line
                }
                scanned = buffer.count
                if eof {
                    guard start < buffer.count else { return nil }
                    // the last line, without a newline: handed over whole when it is all there is
                    if start == 0 {
                        defer { buffer = []; scanned = 0 }
                        return buffer
                    }
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
    static func run(_ pipeline: Pipeline, jobs: Int, pathRoot root: String? = nil, windowBytes: Int = Pipeline.windowBytes) -> Int {
        let batchSize = max(64, jobs * 32)
        var batch: [Document] = []
        var failed = 0
        var lineNumber = 0
        // every id seen, with its line: a second document under one id would be merged with
        // the first by `zhitu graph --from`
        var seen: [String: Int] = [:]

        // A document longer than the window goes through the stages in windows (Windows.swift):
        // its parts are written to stdout as they come, unless a stage needs the whole batch.
        let merging = pipeline.needsWholeCorpus
        func flush() {
            let docs = batch
            batch.removeAll(keepingCapacity: true)
            let isLong = docs.map { $0.bytes.count > windowBytes }
            var results: [DocumentResult] = []
            // Per document written, in input order: its index in `results`, or -1 - i for the
            // long document docs[i], whose parts go out as they come.
            var slots: [Int] = []
            func report(_ f: CustomStringConvertible) {
                failed += 1
                FileHandle.standardError.write(Data("zhitu: \(f)\n".utf8))
            }
            let short = parallelMap(docs.count, jobs: jobs) { i in isLong[i] ? nil : pipeline.process(document: docs[i]) }
            for (i, r) in short.enumerated() {
                switch r {
                case .success(let d)?: slots.append(results.count); results.append(d)
                case .failure(let f)?: report(f)
                case nil:
                    if !merging { slots.append(-1 - i); continue }
                    var merged: DocumentResult?
                    let f = pipeline.process(document: docs[i], jobs: jobs, windowBytes: windowBytes) { e in
                        switch e {
                        case .part(let d, _):
                            if d.continued { merged!.records += d.records; merged!.sentences.merge(d.sentences) { a, _ in a } } else { merged = d }
                        case .discard: merged = nil
                        }
                    }
                    if let f { report(f) } else if let merged { slots.append(results.count); results.append(merged) }
                }
            }
            do { try pipeline.finish(&results) } catch {
                FileHandle.standardError.write(Data("zhitu: \(error)\n".utf8))
            }
            // A long document's parts are held in a temporary file until its last window is
            // done, so that a failing window leaves nothing of it on stdout.
            func writeLong(_ doc: Document) {
                let tmp = FileManager.default.temporaryDirectory.appendingPathComponent(".zhitu-stdin-\(getpid())-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: tmp) }
                guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let h = try? FileHandle(forUpdating: tmp) else {
                    report("\(doc.path): cannot create a temporary file in \(tmp.deletingLastPathComponent().path)")
                    return
                }
                defer { try? h.close() }
                do {
                    let f = try pipeline.process(document: doc, jobs: jobs, windowBytes: windowBytes) { e in
                        switch e {
                        case .part(let d, _): try RecordCodec.write(d) { try h.write(contentsOf: Data($0.utf8)) }
                        case .discard: try h.truncate(atOffset: 0)
                        }
                    }
                    if let f { report(f); return }
                    try h.seek(toOffset: 0)
                    while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty { FileHandle.standardOutput.write(chunk) }
                } catch {
                    report("\(doc.path): temporary file: \(error)")
                }
            }
            for k in slots {
                if k >= 0 { FileHandle.standardOutput.write(Data(RecordCodec.lines(results[k]).utf8)) } else { writeLong(docs[-1 - k]) }
            }
        }
        func problem(_ message: String) {
            failed += 1
            FileHandle.standardError.write(Data("zhitu: stdin:\(lineNumber): \(message)\n".utf8))
        }

        var lines = ByteLines()
        while let line = lines.next() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            var input: Input
            do { input = try Input(line: line) } catch { problem("\(error)"); continue }
            if let first = seen[input.id] {
                problem("document id \(input.id) is already used by line \(first); skipped")
                continue
            }
            seen[input.id] = lineNumber
            var doc: Document
            if let text = input.text {
                input.text = nil   // input no longer keeps the text alive once it is copied into the document
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
