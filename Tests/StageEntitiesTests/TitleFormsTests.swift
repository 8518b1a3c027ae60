// The titles trie composed from its parts holds the forms, in the order and with the organ
// lengths, of composing every title as a String (first form wins); the shipped image is that trie.
import Foundation
import Testing
import ZhituCore
@testable import StageEntities

@Suite struct TitleFormsTests {
    @Test func composedTitlesAreTheFormsOfTheWordLists() {
        var forms: [String] = [], organ: [Int] = [], seen = Set<[Unicode.Scalar]>()
        func add(_ s: String, _ n: Int) {
            guard seen.insert(Array(s.unicodeScalars)).inserted else { return }
            forms.append(s)
            organ.append(n)
        }
        for o in Words.organs {
            for m in Words.modifiers {
                for b in Words.baseTitles where !(m == "副" && b.hasPrefix("副")) { add(o + m + b, o.unicodeScalars.count) }
            }
        }
        for role in Words.representativeRoles {
            add(role, 0)
            for p in Words.levelPrefixes { add(p + role, 0) }
        }
        let titles = Titles.built()
        #expect(titles.trie.count == forms.count && titles.organLength == organ)
        #expect((0..<forms.count).allSatisfy { titles.forms[$0] == forms[$0] })
        #expect(forms.indices.allSatisfy { titles.trie.value(of: forms[$0]) == Int32($0) })
        let text = Array("村党支部副书记和县人大代表".unicodeScalars)
        #expect(titles.trie.longestMatch(in: text, from: 0).map { titles.forms[Int($0.value)] } == "村党支部副书记")
        #expect(titles.trie.longestMatch(in: text, from: 8).map { titles.forms[Int($0.value)] } == "县人大代表")
    }

    /// `ZHITU_WRITE_IMAGES=1 swift test --filter TitleFormsTests` rewrites the image after a word list changed.
    @Test func theShippedImageIsWhatTheWordListsCompose() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/StageEntities/Resources/titles.image")
        let built = Titles.built()
        if ProcessInfo.processInfo.environment["ZHITU_WRITE_IMAGES"] == "1" { try ResourceImage.write(built.image, to: url) }
        #expect(try Data(contentsOf: url) == Data(built.image), "titles.image is stale; \(Titles.imageHint)")
        let mapped = try #require(try Titles(image: ResourceImage(path: url.path, magic: Titles.imageMagic, hint: ""), path: url.path))
        #expect(mapped.organLength == built.organLength && mapped.trie.image == built.trie.compacted().image)
        #expect((0..<built.organLength.count).allSatisfy { mapped.forms[$0] == built.forms[$0] })
    }

    @Test func insertIfAbsentKeepsTheFirstValue() {
        var trie = Trie()
        let added = [("书记", 0), ("书记", 1), ("书", 2), ("", 3)].map { trie.insertIfAbsent(scalars: Array($0.0.unicodeScalars), value: Int32($0.1)) }
        #expect(added == [true, false, true, false])
        #expect(trie.value(of: "书记") == 0 && trie.value(of: "书") == 2 && trie.count == 2 && trie.maxLength == 2)
        #expect(trie.contains("书") && !trie.contains("记"))
    }
}
