import Testing
@testable import StageNER

/// Scalar values of a string, as `TaggerInput.chars` holds them.
private func chars(_ s: String) -> [UInt32] { s.unicodeScalars.map { Features.fold($0.value) } }

private let per = 0, loc = 1, org = 2, title = 3

@Suite struct GoldProjectionTests {
    @Test func longerStringsWinAndShorterOnesFillTheRest() {
        let spans = GoldProjection.spans(in: chars("青山市公安局在青山开会"), entities: [("青山", loc), ("青山市公安局", org)])
        #expect(spans.map(\.type) == [org, loc])
        #expect(spans.map(\.range) == [0..<6, 7..<9])
    }

    @Test func everyOccurrenceIsMarked() {
        let spans = GoldProjection.spans(in: chars("赵小川说，赵小川的家在柳镇。"), entities: [("赵小川", per), ("柳镇", loc)])
        #expect(spans.map(\.range) == [0..<3, 5..<8, 11..<13])
    }

    @Test func whitespaceInTheTextIsSkippedAndCovered() {
        let spans = GoldProjection.spans(in: chars("记者 赵 川 报道"), entities: [("赵川", per)])
        #expect(spans.map(\.range) == [3..<6])
        #expect(Tags.decode(Tags.encode(spans, length: 9)).map(\.range) == [3..<6])
    }

    @Test func overlapsGoToTheEarlierStringOfALength() {
        let spans = GoldProjection.spans(in: chars("甲乙丙"), entities: [("甲乙", per), ("乙丙", loc)])
        #expect(spans.count == 1)
        #expect(spans.first?.type == per && spans.first?.range == 0..<2)
    }

    @Test func fullWidthTextMatchesFoldedGold() {
        let spans = GoldProjection.spans(in: chars("在Ａ１区"), entities: [("A1区", loc)])
        #expect(spans.map(\.range) == [1..<4])
    }

    @Test func absentStringsGiveNoSpans() {
        #expect(GoldProjection.spans(in: chars("今天天气很好"), entities: [("明天", loc), ("", per)]).isEmpty)
    }
}

@Suite struct PartialLabelTests {
    let o: [UInt8] = Array(repeating: 0, count: 6)

    @Test func aPredictedTitleOverUnannotatedTextIsTakenAsGold() {
        let predicted = Tags.encode([(title, 2..<4)], length: 6)
        #expect(PerceptronTrainer.partialGold(o, predicted: predicted, unannotated: [title]) == predicted)
    }

    @Test func aPredictedTitleOverAnAnnotatedNameIsNot() {
        let gold = Tags.encode([(per, 3..<5)], length: 6)
        let predicted = Tags.encode([(title, 2..<4)], length: 6)
        #expect(PerceptronTrainer.partialGold(gold, predicted: predicted, unannotated: [title]) == gold)
    }

    @Test func onlyUnannotatedTypesAreMasked() {
        let gold = Tags.encode([(per, 0..<2)], length: 6)
        let predicted = Tags.encode([(per, 0..<2), (loc, 3..<5), (title, 5..<6)], length: 6)
        let expected = Tags.encode([(per, 0..<2), (title, 5..<6)], length: 6)
        #expect(PerceptronTrainer.partialGold(gold, predicted: predicted, unannotated: [title]) == expected)
        #expect(PerceptronTrainer.partialGold(gold, predicted: predicted, unannotated: []) == gold)
    }

    /// A few sentences mark the post `处长`; many more, from a source that marks no posts, hold it
    /// unmarked. Masked, they do not teach that the post is outside entities.
    @Test func unmarkedSentencesDoNotUnlearnTitles() throws {
        let names = ["王明", "李强", "张华", "刘洋", "陈静", "杨帆", "黄磊", "周涛"]
        func corpus(masked: Bool) throws -> [TaggedSentence] {
            var data: [TaggedSentence] = []
            for (i, p) in names.enumerated() {
                if i < 3 { data.append(try tagged("处长\(p)说了。", [("处长", "TITLE"), (p, "PER")])) }
                var s = try tagged("处长\(p)说了。", [(p, "PER")])
                if masked { s.unannotated = [title] }
                data.append(s)
                data.append(s)
            }
            return data
        }
        let probe = try taggerInput("处长赵鹏说了。")
        let masked = TaggerModel(PerceptronTrainer(epochs: 10, minCount: 1).train(try corpus(masked: true))).tag(probe)
        #expect(Tags.decode(masked).contains { $0.type == title && $0.range == 0..<2 })
        let unmasked = TaggerModel(PerceptronTrainer(epochs: 10, minCount: 1).train(try corpus(masked: false))).tag(probe)
        #expect(!Tags.decode(unmasked).contains { $0.type == title })
    }
}
