// Records files merged for `zhitu graph`: documents come back whole, in id order, however their
// lines are spread over the files, and problems name the file and line.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct DocumentResultsTests {
    /// The spilled-graph fixture documents, as record lines.
    static let documents = GraphSpillTests.documents

    /// Writers read the records decoded once (`RunOutput.prepare`): every field comes back
    /// as the records file has it, on every pass, and the graph is the one built from the file,
    /// also when the decoding runs on a thread beside the graph's.
    @Test(arguments: [1, 2]) func recordsDecodedOnceComeBackWhole(threads: Int) throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var docs = Self.documents
        docs[0].meta = DocumentMeta(date: "2023-05-04", title: "标题", source: "人民日报")
        docs[0].records[0].canonical = "张三丰"; docs[0].records[0].code = "110000"; docs[0].records[0].sentence = nil
        docs[0].records[2].org = "省委"
        docs[1].records[3].value = .string("2023-05"); docs[1].records[3].numtype = "date"; docs[1].records[3].unit = "年"
        docs[1].records[3].qualifier = "约"
        docs[2].continued = true
        let file = dir.appendingPathComponent("records.jsonl")
        try Data(docs.map(RecordCodec.lines).joined().utf8).write(to: file)
        let fromFile = RunOutput(name: "g", documents: DocumentResults(file: file), spillDirectory: dir)
        let expected = Array(fromFile.documents)
        let output = RunOutput(name: "g", documents: DocumentResults(file: file), spillDirectory: dir)
        try output.prepare(graph: true, threads: threads)
        #expect(output.threads == threads)
        for _ in 0..<2 {
            let got = Array(output.documents)
            #expect(got.map(RecordCodec.lines) == expected.map(RecordCodec.lines))
            #expect(got.map(\.continued) == expected.map(\.continued))
            #expect(got.map(\.characters) == expected.map(\.characters))
        }
        let graph = KnowledgeGraph(try output.graphSource()), fromRecords = KnowledgeGraph(try fromFile.graphSource())
        #expect(graph.nodes == fromRecords.nodes)
        #expect(graph.edges == fromRecords.edges)
    }

    /// A pass that fails stops the decoding thread and reports the failure (no hang, no
    /// partial spill presented as whole).
    @Test func aFailingPassBesideTheDecoderEnds() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("records.jsonl")
        // enough documents to fill the hand-off between the threads
        let many = (0..<200).map { i in
            var d = Self.documents[i % Self.documents.count]
            d.id = String(format: "d%03d", i)
            return d
        }
        try Data(many.map(RecordCodec.lines).joined().utf8).write(to: file)
        struct Stop: Error {}
        var seen: [String] = []
        #expect(throws: Stop.self) {
            _ = try DocumentResults(file: file).decoded(into: dir, threads: 2) { d in
                seen.append(d.id)
                if seen.count == 3 { throw Stop() }
            }
        }
        #expect(seen == ["d000", "d001", "d002"])
        let order = try DocumentResults(file: file).decoded(into: dir, threads: 2) { _ in }
        #expect(Array(order).map(\.id) == many.map(\.id))
    }

    @Test func mergedFilesGiveEveryDocumentWholeInIdOrder() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = Self.documents.map { RecordCodec.lines($0).split(separator: "\n", omittingEmptySubsequences: true).map { $0 + "\n" } }
        // file a: document 0 with its lines split around document 2's; file b: document 1
        let a = lines[0].prefix(3) + lines[2] + lines[0].dropFirst(3)
        try Data(a.joined().utf8).write(to: dir.appendingPathComponent("a.jsonl"))
        try Data(("\n" + lines[1].joined()).utf8).write(to: dir.appendingPathComponent("b.jsonl"))
        let (docs, count) = try DocumentResults.merging(files: ["a.jsonl", "b.jsonl"].map { dir.appendingPathComponent($0).path })
        #expect(count == 3)
        let expected = Self.documents.sorted { $0.id < $1.id }
        for _ in 0..<2 {   // every pass reads the files again
            let got = Array(docs)
            #expect(got.map(\.id) == expected.map(\.id))
            #expect(got.map(\.records) == expected.map(\.records))
            #expect(got.map(\.meta) == expected.map(\.meta))
            #expect(got.map(\.sentences) == expected.map(\.sentences))
        }
    }

    @Test func problemsNameTheFileAndLine() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.jsonl").path, bad = dir.appendingPathComponent("bad.jsonl").path
        try Data(RecordCodec.lines(Self.documents[0]).utf8).write(to: URL(fileURLWithPath: good))
        try Data("{\"doc\":\"x\",\"kind\":\"document\"}\n\nnot json\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect { try DocumentResults.merging(files: [good, good]) } throws: { "\($0)".contains("is also in") }
        #expect { try DocumentResults.merging(files: [bad]) } throws: { "\($0)".contains("bad.jsonl:3") }
        #expect { try DocumentResults.merging(files: [dir.appendingPathComponent("none.jsonl").path]) } throws: { $0 is RecordIndex.Unreadable }
    }
}
