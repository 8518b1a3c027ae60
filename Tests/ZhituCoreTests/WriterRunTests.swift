// Writers run side by side: the graph is built once before they start, a failing writer
// fails the run with its own error, and the others still finish their files.
import Foundation
import Testing
import ZhituCore

/// Writes nodes.txt from the graph, slowly enough that the other writers overlap it.
private struct NodeListWriter: OutputWriter {
    static let format = "nodelist"
    static let summary = "nodes.txt: one node id a line."
    func write(_ output: RunOutput, to directory: URL) throws {
        Thread.sleep(forTimeInterval: 0.05)
        let ids = try output.graphSource().nodeStream().map(\.id)
        try AtomicFile.write(ids.joined(separator: "\n"), to: directory.appendingPathComponent("nodes.txt").path)
    }
}

/// Writes docs.txt from the records only.
private struct DocumentListWriter: OutputWriter {
    static let format = "doclist"
    static let summary = "docs.txt: one document id a line."
    static let readsGraph = false
    func write(_ output: RunOutput, to directory: URL) throws {
        try AtomicFile.write(output.documents.map(\.id).joined(separator: "\n"), to: directory.appendingPathComponent("docs.txt").path)
    }
}

private struct FailingWriter: OutputWriter {
    struct Broken: Error, CustomStringConvertible { var description: String { "broken.bin: the disk is full" } }
    static let format = "broken"
    static let summary = "broken.bin (never written)"
    func write(_ output: RunOutput, to directory: URL) throws { throw Broken() }
}

@Suite struct WriterRunTests {
    func sample() -> RunOutput {
        let docs = (0..<3).map { i in
            DocumentResult(id: "d\(i)", path: "d\(i).txt", meta: DocumentMeta(), characters: 4,
                           records: [Annotation(kind: .entity, type: "LOC", text: "北京", start: 0, end: 2)], sentences: [:])
        }
        return RunOutput(name: "t", documents: docs)
    }

    @Test func writersOnSeveralThreadsWriteWhatOneThreadWrites() throws {
        let one = Repo.tempDir(), two = Repo.tempDir()
        let writers: [any OutputWriter.Type] = [NodeListWriter.self, DocumentListWriter.self]
        let timings = try WriterRun.run(writers, sample(), to: one, jobs: 1)
        try WriterRun.run(writers, sample(), to: two, jobs: 2)
        #expect(timings.map(\.format) == ["nodelist", "doclist"])
        for f in ["nodes.txt", "docs.txt"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(f)) == Data(contentsOf: two.appendingPathComponent(f)))
        }
        #expect(try String(contentsOf: two.appendingPathComponent("docs.txt"), encoding: .utf8) == "d0\nd1\nd2")
    }

    @Test func aFailingWriterFailsTheRunWithItsMessage() throws {
        let dir = Repo.tempDir()
        let writers: [any OutputWriter.Type] = [DocumentListWriter.self, FailingWriter.self, NodeListWriter.self]
        #expect(throws: FailingWriter.Broken.self) { try WriterRun.run(writers, sample(), to: dir, jobs: 3) }
        // the others ran to the end: the caller abandons the whole set, never half a file
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("nodes.txt").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("docs.txt").path))
    }

    @Test func progressNamesTheFilesBeingWritten() throws {
        final class Seen: @unchecked Sendable { let lock = NSLock(); var lists: [[String]] = [] }
        let seen = Seen()
        try WriterRun.run([NodeListWriter.self, DocumentListWriter.self], sample(), to: Repo.tempDir(), jobs: 1) { files in
            seen.lock.lock(); seen.lists.append(files); seen.lock.unlock()
        }
        #expect(seen.lists == [["the graph"], ["nodes.txt"], ["docs.txt"]])
    }

    @Test func theGraphIsNotBuiltForWritersOfRecordsOnly() throws {
        final class Seen: @unchecked Sendable { var lists: [[String]] = [] }
        let seen = Seen()
        try WriterRun.run([DocumentListWriter.self], sample(), to: Repo.tempDir(), jobs: 2) { seen.lists.append($0) }
        #expect(seen.lists == [["docs.txt"]])
    }
}
