// Records files merged for `zhitu graph`: documents come back whole, in id order, however their
// lines are spread over the files, and problems name the file and line.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct DocumentResultsTests {
    /// The spilled-graph fixture documents, as record lines.
    static let documents = GraphSpillTests.documents

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
