import Testing
import Foundation
import ZhituCore
@testable import StageNER

@Suite struct FeaturesTests {
    @Test func everyCharacterGetsTheSameNumberOfFeatures() {
        let input = TaggerInput(chars: Array("今天北京下雨".unicodeScalars.map(\.value)), tokens: [0..<2, 2..<4, 4..<6])
        var keys: [UInt64] = []
        Features.extract(input, into: &keys)
        #expect(keys.count == 6 * Features.count)
        var again: [UInt64] = []
        Features.extract(input, into: &again)
        #expect(keys == again)
    }

    @Test func tokenBoundariesChangeTheFeatures() {
        let chars = Array("张三丰来了".unicodeScalars.map(\.value))
        var a: [UInt64] = [], b: [UInt64] = []
        Features.extract(TaggerInput(chars: chars, tokens: [0..<3, 3..<4, 4..<5]), into: &a)
        Features.extract(TaggerInput(chars: chars, tokens: [0..<1, 1..<3, 3..<4, 4..<5]), into: &b)
        let f = Features.count
        // character 0 is the begin of a 3-char token in `a` but a single-char token in `b`
        #expect(a[0..<f] != b[0..<f])
        // the pure character features (classes, n-grams) do not depend on tokens
        #expect(a[1] == b[1])
        #expect(a[Features.singles..<f] == b[Features.singles..<f])
        // the last character is a single-char token in both, with the same neighbours' token shapes
        #expect(a[(4 * f)..<(5 * f)] == b[(4 * f)..<(5 * f)])
    }

    @Test func tokenPositionsAreSingleBeginInsideEnd() {
        let input = TaggerInput(chars: Array("中华人民共和国好".unicodeScalars.map(\.value)), tokens: [0..<7, 7..<8])
        let (pos, len, _) = Features.tokenPositions(input)
        #expect(pos == [2, 3, 3, 3, 3, 3, 4, 1])
        #expect(len == [5, 5, 5, 5, 5, 5, 5, 1])
    }

    @Test func characterClasses() {
        #expect(CharClass.of(Features.fold(0xFF11)) == .digit)   // full-width １
        #expect(CharClass.of(Character("Q").unicodeScalars.first!.value) == .latin)
        #expect(CharClass.of(Character("三").unicodeScalars.first!.value) == .chineseNumeral)
        #expect(CharClass.of(Character("河").unicodeScalars.first!.value) == .cjk)
        #expect(CharClass.of(Character("，").unicodeScalars.first!.value) == .punct)
    }

    @Test func fullWidthInputIsFoldedLikeNormalize() {
        let folded = TaggerInput(text: Array("Ａ１".unicodeScalars)[...], tokens: [0..<2])
        #expect(folded.chars == [0x41, 0x31])
    }
}

@Suite struct TagsTests {
    @Test func encodeDecodeRoundTrip() {
        let spans: [(type: Int, range: Range<Int>)] = [(0, 1..<4), (1, 5..<6), (2, 7..<9), (3, 9..<11), (1, 11..<12), (1, 12..<13)]
        let tags = Tags.encode(spans, length: 14)
        #expect(tags.map(Tags.name) == ["O", "B-PER", "M-PER", "E-PER", "O", "B-LOC", "O", "B-ORG", "E-ORG",
                                        "B-TITLE", "E-TITLE", "B-LOC", "B-LOC", "O"])
        let back = Tags.decode(tags)
        #expect(back.map(\.type) == [0, 1, 2, 3, 1, 1])
        #expect(back.map(\.range) == [1..<4, 5..<6, 7..<9, 9..<11, 11..<12, 12..<13])
    }

    @Test func aLoneBeginIsAOneCharacterSpan() {
        // B-LOC, then B-PER E-PER: the LOC ends where the next span begins
        let tags = [Tags.begin(1), Tags.begin(0), Tags.end(0), Tags.begin(3)]
        #expect(Tags.decode(tags).map(\.range) == [0..<1, 1..<3, 3..<4])
        // an M not closed by an E gives no span
        #expect(Tags.decode([Tags.begin(2), Tags.middle(2), 0]).isEmpty)
    }

    @Test func transitionsFollowBME() {
        #expect(Tags.allowed(nil, Int(Tags.begin(0))))
        #expect(!Tags.allowed(nil, Int(Tags.middle(0))))
        #expect(!Tags.allowed(nil, Int(Tags.end(3))))
        #expect(!Tags.allowed(Int(Tags.begin(0)), Int(Tags.end(1))))
        #expect(Tags.allowed(Int(Tags.begin(1)), Int(Tags.end(1))))
        #expect(Tags.allowed(Int(Tags.begin(1)), Int(Tags.begin(3))))   // a lone B, then a title
        #expect(Tags.allowed(Int(Tags.begin(1)), 0))
        #expect(!Tags.allowed(Int(Tags.middle(3)), 0))
        #expect(!Tags.allowed(Int(Tags.middle(3)), Int(Tags.begin(3))))
        #expect(Tags.canEnd(Int(Tags.begin(2))))
        #expect(!Tags.canEnd(Int(Tags.middle(2))))
    }
}

@Suite struct PlaceGazetteerTests {
    @Test func derivesNamesShortFormsAndSuffixedShortForms() {
        let tsv = """
        id\tname\tshort\tcode\tlevel\tparent_id
        1\t青海省\t青海\t630000\tprovince\t0
        2\t海西蒙古族藏族自治州\t海西\t632800\tprefecture\t1
        3\t民和回族土族自治县\t民和\t630222\tcounty\t2
        4\t峡门镇\t\t\ttownship\t3
        """
        let names = PlaceGazetteer.derive(fromAdminDivisions: tsv)
        #expect(Set(names) == ["青海省", "青海", "海西蒙古族藏族自治州", "海西", "海西州", "民和回族土族自治县", "民和", "民和县"])
    }

    @Test func marksLongestMatchesLeftToRight() {
        let g = PlaceGazetteer(names: ["青海", "青海省", "西宁"])
        let marks = g.marks(Array("在青海省西宁市".unicodeScalars.map(\.value)))
        #expect(marks.map { $0 & 7 } == [0, 2, 3, 4, 2, 4, 0])
        #expect(marks[1] >> 3 == 3)
    }

    @Test func taggedNamesCarryTheirClass() {
        let g = PlaceGazetteer(names: ["西宁", "江泽民", "新华社"], tags: ["", "PER", "ORG"])
        let marks = g.marks(Array("江泽民在西宁".unicodeScalars.map(\.value)))
        #expect(marks.map { $0 >> 5 } == [1, 1, 1, 0, 0, 0])
        #expect(marks.map { $0 & 7 } == [2, 3, 4, 0, 2, 4])
    }

    @Test func annotatedNamesTakeTheirMostFrequentType() {
        func sentence(_ text: String, _ spans: [(type: Int, range: Range<Int>)]) -> TaggedSentence {
            let chars = text.unicodeScalars.map(\.value)
            return TaggedSentence(input: TaggerInput(chars: chars, tokens: []), tags: Tags.encode(spans, length: chars.count))
        }
        let data = [sentence("中国人民银行", [(2, 0..<6)]), sentence("中国队", [(2, 0..<3)]),
                    sentence("中国队赢了", [(1, 0..<2)]), sentence("在中国", [(1, 1..<3)]), sentence("王", [(0, 0..<1)])]
        let n = PlaceGazetteer.names(annotatedIn: data)
        #expect(n.names == ["中国", "中国人民银行", "中国队"])
        #expect(n.tags == ["LOC", "ORG", "ORG"])
    }

    @Test func anUnknownTagInTheNameListIsAnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try "西宁\n江泽民\tPERSON\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: LexiconError.self) { try PlaceGazetteer(contentsOf: url) }
    }

    @Test func placeMarksAreFeatures() {
        let chars = Array("到西宁去".unicodeScalars.map(\.value))
        var a: [UInt64] = [], b: [UInt64] = []
        Features.extract(TaggerInput(chars: chars, tokens: [0..<1, 1..<3, 3..<4]), into: &a)
        Features.extract(TaggerInput(chars: chars, tokens: [0..<1, 1..<3, 3..<4], places: [0, 18, 20, 0]), into: &b)
        #expect(a != b)
        #expect(a[0..<Features.count] == b[0..<Features.count])
    }
}

@Suite struct FeatureHashTests {
    @Test func templatesDoNotShareKeys() {
        // neighbouring code points under neighbouring templates once collided (h ^ v)
        let chars: [UInt32] = [0x516C, 0x516D, 0x516E, 0x516F, 0x5170]
        var keys: [UInt64] = []
        Features.extract(TaggerInput(chars: chars, tokens: [0..<5], places: [0, 0, 0, 0, 0]), into: &keys)
        let f = Features.count
        for i in 0..<chars.count { #expect(Set(keys[(i * f)..<(i * f + f)]).count == f) }
        #expect(Features.mix(2, 0x516C) != Features.mix(3, 0x516D))
        #expect(Features.mix(12, 5) != Features.mix(13, 4))
    }
}
