// A long article goes to the run's sink in parts, one per window, and comes back from the
// records file in parts: the graph built from the parts must be the one its whole result gives,
// and a window that fails must void the parts already handed on. A 300-byte window stands in
// for the 1 MB one (as in WindowTests).
import Foundation
import Testing
@testable import ZhituCore
import ZhituStages

@Suite struct PartsTests {
    static let window = WindowTests.window

    /// Two invented documents, the first long enough for several windows.
    func files(in dir: URL) throws -> [InputFile] {
        let long = dir.appendingPathComponent("a.txt"), short = dir.appendingPathComponent("b.txt")
        try Data(WindowTests.text.utf8).write(to: long)
        try Data("市长王建华在南湖区考察，投资总额为12亿元。\n".utf8).write(to: short)
        return [InputFile(id: "a", path: long.path), InputFile(id: "b", path: short.path)]
    }

    @Test func partsGiveTheGraphOfTheWholeDocument() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try files(in: dir)
        let p = try pipeline(WindowTests.stages)

        var events: [PartEvent] = []
        let stats = try p.run(input, jobs: 2, windowBytes: Self.window, progress: nil) { events.append($0) }
        var whole: [DocumentResult] = []
        _ = try p.run(input, jobs: 1, windowBytes: Self.window, progress: nil) { (d: DocumentResult) in whole.append(d) }
        try #require(whole.count == 2)

        // The long document comes in parts, each ending with `last` only at the end.
        let parts = events.compactMap { e -> (DocumentResult, Bool)? in if case .part(let d, let last) = e { return (d, last) } else { return nil } }
        #expect(parts.count == events.count)
        let ofA = parts.filter { $0.0.id == "a" }
        #expect(ofA.count > 3)
        #expect(!ofA[0].0.continued && ofA.dropFirst().allSatisfy { $0.0.continued })
        #expect(ofA.map(\.1) == Array(repeating: false, count: ofA.count - 1) + [true])
        #expect(ofA.allSatisfy { $0.0.characters == whole[0].characters && $0.0.meta.title == "窗口之试" })
        #expect(ofA.flatMap(\.0.records) == whole[0].records)
        #expect(stats.documents == 2 && stats.characters == whole[0].characters + whole[1].characters)

        // Written as the run's sink writes them and read back: parts again, with their sentences.
        let file = dir.appendingPathComponent("records.jsonl")
        var text = ""
        for (d, _) in parts { RecordCodec.write(d) { text += $0 } }
        try Data(text.utf8).write(to: file)
        #expect(text.components(separatedBy: "\"kind\":\"document\"").count - 1 == 2)
        let back = Array(DocumentResults(file: file))
        #expect(back.filter { $0.id == "a" }.count == ofA.count)
        for d in back where d.continued {
            #expect(d.meta.title == "窗口之试" && d.characters == whole[0].characters)
            for a in d.records { if let s = a.sentence { #expect(d.sentences[s] != nil) } }
        }

        // The same graph, node for node and edge for edge (evidence included).
        let fromParts = try GraphBuilder.stream(back, name: "t", directory: dir)
        let fromWhole = try GraphBuilder.stream(whole, name: "t", directory: dir)
        #expect(Array(fromParts.nodeStream()) == Array(fromWhole.nodeStream()))
        #expect(Array(fromParts.edgeStream()) == Array(fromWhole.edgeStream()))
        #expect(fromParts.nodeCount == fromWhole.nodeCount && fromParts.edgeCount == fromWhole.edgeCount)
        // ...which holds the long document's measurements, mentions and its relations.
        let edges = Array(fromParts.edgeStream())
        #expect(edges.contains { $0.source == "doc:a" && $0.target.hasPrefix("measurement:a:") })
        #expect(edges.contains { $0.type != "MENTIONS" && $0.type != "CO_OCCURS" && !$0.evidence.isEmpty && $0.evidence[0].doc == "a" })
        #expect(fromParts.nodeStream().filter { $0.type == "Measurement" && $0.docs == ["a"] }.count == whole[0].records.filter { $0.kind == .number }.count)
    }

    @Test func aFailingLaterWindowDiscardsTheParts() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Invalid UTF-8 in the last paragraph: the first windows pass, a later one is refused.
        var bytes = Array(WindowTests.text.utf8)
        bytes.insert(contentsOf: [0xFF, 0xFE], at: bytes.count - 10)
        let path = dir.appendingPathComponent("bad.txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let p = try pipeline(WindowTests.stages)

        var events: [PartEvent] = []
        let stats = try p.run([InputFile(id: "bad", path: path)], jobs: 1, windowBytes: Self.window, progress: nil) { events.append($0) }
        guard case .discard("bad")? = events.last else { Issue.record("no discard after \(events.count) events"); return }
        #expect(events.count > 1)
        #expect(stats.documents == 0 && stats.kinds.isEmpty)
        // The message counts lines in the whole file, as for a file read whole.
        let f = try #require(stats.failures.first)
        let line = bytes[..<(bytes.count - 10)].filter { $0 == 0x0A }.count + 1
        #expect(f.message.contains("not valid UTF-8 (line \(line),"))
    }
}

extension PartsTests {
    /// A document given in memory (`--stdin-jsonl`) longer than the window is windowed too: its
    /// parts hold what the same text read from a file holds, with the metadata given with it.
    @Test func aDocumentGivenInMemoryIsWindowed() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try pipeline(WindowTests.stages)
        let text = WindowTests.text.replacingOccurrences(of: "---\ntitle: 窗口之试\ndate: 2023-05-06\n---\n", with: "")
        var doc = Document(id: "s", path: "stdin:1", bytes: Array(text.utf8))
        doc.meta = DocumentMeta(date: "2024-01-02", title: "给定之题", source: nil)
        var parts: [DocumentResult] = []
        let failure = p.process(document: doc, jobs: 2, windowBytes: Self.window) { e in
            if case .part(let d, _) = e { parts.append(d) }
        }
        #expect(failure == nil)
        #expect(parts.count > 3 && parts.dropFirst().allSatisfy(\.continued))
        #expect(parts.allSatisfy { $0.meta.title == "给定之题" && $0.meta.date == "2024-01-02" })

        let path = dir.appendingPathComponent("s.txt")
        try Data(text.utf8).write(to: path)
        var whole: [DocumentResult] = []
        _ = try p.run([InputFile(id: "s", path: path.path)], jobs: 1, windowBytes: Self.window, progress: nil) { (d: DocumentResult) in whole.append(d) }
        #expect(parts.flatMap(\.records) == whole.first?.records)
    }
}
