// Binary resource files: a trie written as an image and mapped back matches exactly what the
// built trie matches; a damaged file is a one-line error naming it; lexicon text parsed as
// bytes keeps the rules of the text format.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct ResourceImageTests {
    static let magic = Array("ZTTEST1\n".utf8)

    func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    @Test func aMappedTrieMatchesLikeTheBuiltOne() throws {
        let words = TrieTests.words(3_000, seed: 7)
        let built = Trie(words)
        let url = temporary("trie.img")
        defer { try? FileManager.default.removeItem(at: url) }
        try ResourceImage.write(ResourceImage.encode(magic: Self.magic, sections: [[1, 2, 3], built.image]), to: url)
        let image = try ResourceImage(path: url.path, magic: Self.magic, hint: "rebuild it")
        #expect(Array(image.sections[0]) == [1, 2, 3])
        var mapped = try #require(Trie(image: image.sections[1], in: image.file))
        #expect(mapped.count == built.count && mapped.maxLength == built.maxLength)
        #expect(mapped.image == built.image)
        let text = Array(words.prefix(200).joined(separator: "和").unicodeScalars)
        for i in text.indices {
            var a: [(Int, Int32)] = [], b: [(Int, Int32)] = []
            built.forEachMatch(in: text, from: i) { a.append(($0, $1)) }
            mapped.forEachMatch(in: text, from: i) { b.append(($0, $1)) }
            #expect(a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1))
        }
        for w in words.prefix(100) { #expect(mapped.value(of: w) == built.value(of: w)) }
        // a mapped trie is read-only: a change copies its edges first
        mapped.insert("新词语", value: 9)
        #expect(mapped.value(of: "新词语") == 9 && built.value(of: "新词语") == nil)
        #expect(try #require(Trie(image: image.sections[1], in: image.file)).value(of: "新词语") == nil)
    }

    @Test func aDamagedImageIsAOneLineErrorNamingTheFile() throws {
        let url = temporary("bad.img")
        defer { try? FileManager.default.removeItem(at: url) }
        let good = ResourceImage.encode(magic: Self.magic, sections: [Array(repeating: 7, count: 300), Trie(["甲乙", "丙"]).image])
        func error(_ bytes: [UInt8]) throws -> String {
            try Data(bytes).write(to: url)
            do { _ = try ResourceImage(path: url.path, magic: Self.magic, hint: "rebuild it"); return "" } catch { return "\(error)" }
        }
        #expect(try error(good) == "")
        for bad in [Array(good.prefix(good.count - 1)), Array(good.prefix(40)), Array(good.prefix(5)), good + [0],
                    Array("ZTTEST2\n".utf8) + good.dropFirst(8), Array("plain text\n".utf8)] {
            let m = try error(bad)
            #expect(m.hasPrefix(url.path + ": ") && m.hasSuffix("rebuild it") && !m.contains("\n"), "\(m)")
        }
        #expect(try error(Array(good.prefix(good.count - 1))).contains("truncated"))
        #expect(try error(Array("ZTTEST2\n".utf8) + good.dropFirst(8)).contains("another format version"))
        try Data().write(to: url)
        #expect(try error([]).contains("empty"))
        let folder = temporary("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ResourceImageError.self) { try ResourceImage(path: folder.path, magic: Self.magic, hint: "") }
    }

    @Test func lexiconTextKeepsItsRules() throws {
        let url = temporary("words.txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try "# 注释\n甲乙\n\n  \t\n丙丁\t标签\r\n戊己\t\n".write(to: url, atomically: true, encoding: .utf8)
        let lex = try Lexicon(contentsOf: url)
        #expect(lex.entries.map(\.word) == ["甲乙", "丙丁", "戊己"] && lex.entries.map(\.tag) == ["", "标签", ""])
        for (text, line) in [("甲乙\n丙\u{3000}丁\n", 2), ("甲乙\n丙 丁\n", 2), ("甲\t乙\t丙\n", 1), ("\t标签\n", 1), ("甲\u{A0}乙\n", 1)] {
            try text.write(to: url, atomically: true, encoding: .utf8)
            do { _ = try Lexicon(contentsOf: url); Issue.record("\(text.debugDescription) must be an error") } catch let e as LexiconError {
                #expect(e.line == line && e.file == url.path)
            }
        }
        try Data([0xE7, 0x94, 0x0A]).write(to: url)
        #expect(throws: LexiconError.self) { try Lexicon(contentsOf: url) }
    }
}
