// A long article goes through the stages in windows (Windows.swift): its one result must hold
// exactly the records of its windows, moved to offsets and sentence indices of the whole file.
// A window of a few hundred bytes stands in for the 1 MB one, so the test is quick.
import Foundation
import Testing
@testable import ZhituCore
import ZhituStages

@Suite struct WindowTests {
    /// Invented paragraphs: names, numbers, a slogan-like phrase.
    static let paragraphs = [
        "市长王建华周三在南湖区考察了三家工厂，投资总额为12亿元。",
        "会议强调，要坚持绿色发展，推进城乡融合。",
        "刘晓梅表示，今年蔬菜产量增长了3.5%，达到八百万吨。",
        "江苏省和浙江省的代表出席了座谈会。",
        "据统计，全区新增就业岗位4200个，比上年多出一成。",
    ]
    static let text = "---\ntitle: 窗口之试\ndate: 2023-05-06\n---\n"
        + (0..<5).flatMap { _ in paragraphs }.joined(separator: "\n\n") + "\n"
    static let window = 300
    static let stages = ["read", "normalize", "sentences", "segment", "quotes", "ner", "numbers", "entities", "slogans", "terms"]

    @Test func windowsAreCutAfterBlankLines() {
        let bytes = Array(Self.text.utf8)
        let ranges = Pipeline.windows(bytes, size: Self.window)
        #expect(ranges.count > 3)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            #expect(a.upperBound == b.lowerBound)
            #expect(Array(bytes[(a.upperBound - 2)..<a.upperBound]) == [0x0A, 0x0A])
        }
        for r in ranges { #expect(r.count <= Self.window) }
        // No line break in the window: it runs on to the next one.
        let long = Array((String(repeating: "长", count: 200) + "\n尾").utf8)
        #expect(Pipeline.windows(long, size: Self.window) == [0..<601, 601..<long.count])
    }

    @Test func longDocumentHoldsTheRecordsOfItsWindows() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("long.txt").path
        let bytes = Array(Self.text.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let p = try pipeline(Self.stages)

        var results: [DocumentResult] = []
        _ = try p.run([InputFile(id: "long", path: path)], jobs: 1, windowBytes: Self.window, progress: nil) { results.append($0) }
        try #require(results.count == 1)
        let got = results[0]
        let scalars = Array(Self.text.unicodeScalars)
        #expect(got.id == "long")
        #expect(got.meta.title == "窗口之试" && got.meta.date == "2023-05-06")
        #expect(got.characters == scalars.count)

        // Each window on its own, with the first window's metadata, shifted by hand.
        var expected: [Annotation] = []
        var sentences: [Int: EvidenceSentence] = [:]
        var scalarBase = 0, sentenceBase = 0
        var meta: DocumentMeta?
        for r in Pipeline.windows(bytes, size: Self.window) {
            var doc = Document(id: "long", path: path, bytes: Array(bytes[r]))
            if let meta { doc.meta = meta }
            let d = try p.processDocuments([doc])[0].get()
            meta = meta ?? d.meta
            let part = DocumentResult(d)
            for var a in part.records {
                a.start += scalarBase
                a.end += scalarBase
                a.sentence = a.sentence.map { $0 + sentenceBase }
                // A relation is recorded once per document, as the stages do for a whole file.
                if a.kind == .relation || a.kind == .variant, expected.contains(where: { $0.kind == a.kind && $0.type == a.type && $0.head == a.head && $0.tail == a.tail && $0.org == a.org }) { continue }
                expected.append(a)
            }
            for (k, s) in part.sentences {
                sentences[k + sentenceBase] = EvidenceSentence(text: s.text, start: s.start + scalarBase, end: s.end + scalarBase)
            }
            scalarBase += String(decoding: bytes[r], as: UTF8.self).unicodeScalars.count
            sentenceBase += d.sentences.count
        }
        #expect(!expected.isEmpty && expected.contains { $0.kind == .entity } && expected.contains { $0.kind == .number })
        // The paragraphs repeat in every window; their relations come once.
        let links = got.records.filter { $0.kind == .relation }.map { [$0.type ?? "", $0.head ?? "", $0.tail ?? "", $0.org ?? ""] }
        #expect(!links.isEmpty && Set(links).count == links.count)
        #expect(got.records == expected)
        #expect(got.sentences == sentences)

        // The offsets point into the whole file: an entity's text is there, and every record
        // lies inside the sentence it cites.
        for a in got.records {
            if a.kind == .entity { #expect(String(String.UnicodeScalarView(scalars[a.start..<a.end])) == a.text) }
            if let s = a.sentence {
                let e = try #require(got.sentences[s])
                #expect(e.start <= a.start && a.end <= e.end)
                #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.text)
            }
        }
        // Sentence indices grow with the offsets across windows.
        let keys = got.sentences.keys.sorted()
        for (a, b) in zip(keys, keys.dropFirst()) { #expect(got.sentences[a]!.end <= got.sentences[b]!.start) }
    }
}
