// The segment stage: ICU tokens plus the lexicon overlay, and lexicon file errors.
import Foundation
import Testing
import ZhituCore
@testable import StageSegment

@Suite struct SegmentTests {
    func words(_ doc: Document) -> [String] { doc.tokens.map { doc.string($0.range) } }

    @Test func lexiconEntryStaysOneToken() throws {
        let doc = try process("坚持和发展新时代枫桥经验，推进网格化管理。")
        #expect(words(doc).contains("枫桥经验") || words(doc).contains("新时代枫桥经验"))
        #expect(words(doc).contains("网格化管理"))
        #expect(!doc.tokens.contains { $0.kind == .space })
    }

    @Test func userLexiconMergesAcrossICUTokens() throws {
        let plain = try SegmentStage(words: []).tokenize(Array("袁彬主持会议。".unicodeScalars), sentences: [Sentence(start: 0, end: 7)])
        let overlay = try SegmentStage(words: ["袁彬"]).tokenize(Array("袁彬主持会议。".unicodeScalars), sentences: [Sentence(start: 0, end: 7)])
        #expect(overlay.first.map { $0.range } == 0..<2)
        #expect(overlay.count <= plain.count)
        #expect(overlay.first?.kind == .lexicon)
    }

    @Test func tokensStayInsideSentences() throws {
        let doc = try process("第一句话。第二句话！第三句")
        for t in doc.tokens {
            let s = doc.sentences[Int(t.sentence)]
            #expect(s.start <= Int(t.start) && Int(t.end) <= s.end)
        }
        #expect(Set(doc.tokens.map(\.sentence)).count == 3)
    }

    @Test func malformedLexiconNamesFileAndLine() throws {
        let dir = Repo.tempDir()
        let bad = dir.appendingPathComponent("bad.txt")
        try "# words\n枫桥经验\n两个 维护\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: LexiconError.self) { try Lexicon(contentsOf: bad) }
        do { _ = try Lexicon(contentsOf: bad) } catch let e as LexiconError {
            #expect(e.line == 3)
            #expect(e.description.hasPrefix(bad.path + ":3:"))
        }
        let missing = dir.appendingPathComponent("nope.txt")
        do { _ = try Lexicon(contentsOf: missing); Issue.record("a missing lexicon must be an error") } catch let e as LexiconError {
            #expect(e.description.contains("nope.txt"))
        }
    }

    @Test func userLexiconOptionLoadsFromConfigFolder() throws {
        let dir = Repo.tempDir()
        try "袁彬\n".write(to: dir.appendingPathComponent("names.txt"), atomically: true, encoding: .utf8)
        let json = #"{"stages": [{"use": "read"}, {"use": "normalize"}, {"use": "sentences"}, {"use": "segment", "options": {"lexicons": ["names.txt"]}}]}"#
        let cfg = try PipelineConfig.parse(Array(json.utf8), file: "p.json", baseDirectory: dir, registry: .builtIn)
        var doc = Document(id: "t", path: "t", bytes: Array("袁彬主持会议。".utf8))
        try Pipeline(config: cfg, registry: .builtIn).process(&doc)
        #expect(doc.string(doc.tokens[0].range) == "袁彬")
        let badJSON = #"{"stages": [{"use": "read"}, {"use": "normalize"}, {"use": "sentences"}, {"use": "segment", "options": {"lexicons": ["missing.txt"]}}]}"#
        let badCfg = try PipelineConfig.parse(Array(badJSON.utf8), file: "p.json", baseDirectory: dir, registry: .builtIn)
        #expect(throws: ConfigErrors.self) { try Pipeline(config: badCfg, registry: .builtIn) }
    }
}
