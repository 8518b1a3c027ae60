// `zhitu run --stdin-jsonl`: documents in as JSON Lines on stdin, records out as JSON Lines
// on stdout, in input order and in batches, so any engine (Spark, a shell pipe) can pipe
// through zhitu with bounded memory.
import Foundation
import ZhituCore

enum Streaming {
    struct Input: Decodable {
        var id: String
        /// The article, or
        var text: String?
        /// a file to read it from (for engines that hand out paths on a shared filesystem).
        var path: String?
        var date: String?
        var title: String?
        var source: String?
    }

    /// Processes stdin to stdout; returns the number of lines that failed.
    static func run(_ pipeline: Pipeline, jobs: Int) -> Int {
        let batchSize = max(64, jobs * 32)
        var batch: [Document] = []
        var failed = 0
        var lineNumber = 0
        let decoder = JSONDecoder()

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

        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let input: Input
            do { input = try decoder.decode(Input.self, from: Data(line.utf8)) } catch {
                failed += 1
                FileHandle.standardError.write(Data("zhitu: stdin:\(lineNumber): expected {\"id\": …, \"text\": …} or {\"id\": …, \"path\": …} (optional date, title, source)\n".utf8))
                continue
            }
            var doc: Document
            if let text = input.text {
                doc = Document(id: input.id, path: "stdin:\(lineNumber)", bytes: Array(text.utf8))
            } else if let path = input.path, let bytes = FileManager.default.contents(atPath: path) {
                doc = Document(id: input.id, path: path, bytes: Array(bytes))
            } else {
                failed += 1
                let why = input.path.map { "cannot read \($0)" } ?? "neither \"text\" nor \"path\""
                FileHandle.standardError.write(Data("zhitu: stdin:\(lineNumber): document \(input.id): \(why)\n".utf8))
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
