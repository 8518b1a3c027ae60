// The common words: looked up as a [String: Bool] would be; the shipped image is what the shipped
// list builds (a stale image fails here).
import Foundation
import Testing
import ZhituCore
@testable import StageSlogans

@Suite struct CommonWordsImageTests {
    static let sourceList = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/StageSlogans/Resources/common-words.txt")

    /// `ZHITU_WRITE_IMAGES=1 swift test --filter CommonWordsImageTests` rewrites the image after the list changed.
    @Test func theShippedImageIsWhatTheShippedListBuilds() throws {
        let image = Self.sourceList.deletingPathExtension().appendingPathExtension("image")
        let built = try CommonWords.image(list: Self.sourceList)
        if ProcessInfo.processInfo.environment["ZHITU_WRITE_IMAGES"] == "1" { try ResourceImage.write(built, to: image) }
        let shipped = try Data(contentsOf: image)
        #expect(shipped == Data(built), "common-words.image is stale; \(CommonWords.imageHint)")
        let mapped = try #require(try CommonWords.builtIn(Self.sourceList).trie.count)
        #expect(mapped == CommonWords(try Lexicon(contentsOf: Self.sourceList)).trie.count)
    }

    @Test func wordsAreFoundAsInADictionary() {
        let words: CommonWords = ["清风": true, "防火墙": false, "Cafe\u{301}": true, "清风": false]
        #expect(words["清风"] == false && words["防火墙"] == false && words["清"] == nil && words["清风徐来"] == nil)
        #expect(words["Café"] == true && words["Cafe"] == nil)   // canonically equivalent spellings are one word
        #expect(!words.isEmpty && CommonWords([:]).isEmpty)
    }
}
