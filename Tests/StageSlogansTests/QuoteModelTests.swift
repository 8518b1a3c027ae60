import Testing
@testable import StageSlogans

/// Features of the first quote of `s` (the whole string is one sentence).
private func features(_ s: String, lexicon: Set<String> = [], common: CommonWords = [:]) -> [String] {
    let t = Array(s.unicodeScalars)
    let o = t.firstIndex(of: "“")!, c = t.firstIndex(of: "”")!
    return QuoteModel.features(t, open: o, close: c, bounds: 0..<t.count, lexicon: lexicon, common: common)
}

// The expectations are what scripts/slogan_quote_model.py's `features` gives for the same
// sentences: the weights were fitted on the script's features, so the two must agree.
@Test func featuresAgreeWithTheTrainingScript() {
    #expect(features("他笑着说：“我都办好了。”") ==
            ["bias", "len:6", "final", "pron", "first:我", "last:。", "prev:：", "prev2:说：", "next:$", "say", "colon"])
    #expect(features("全县推行“三查两访”工作法，“三查两访”成效明显。", lexicon: ["三查两访"]) ==
            ["bias", "len:4", "num", "first:三", "last:访", "prev:行", "prev2:推行", "next:工", "next2:工作", "lex", "head", "intro"])
    #expect(features("开展“清风”和“暖心”行动", common: ["清风": true]) ==
            ["bias", "len:2", "first:清", "last:风", "prev:展", "prev2:开展", "next:和", "next2:和“", "chainNext", "dict", "dict100", "intro"])
    #expect(features("筑起“防火墙”。", common: ["防火墙": false]) ==
            ["bias", "len:3", "first:防", "last:墙", "prev:起", "prev2:筑起", "next:。", "dict"])
}

@Test func modelFileNeedsAThresholdAndKnownFeatures() throws {
    #expect(throws: Error.self) { try QuoteModel(.init(words: ["bias"], tag: "1.0"), file: "m.tsv") }
    #expect(throws: Error.self) { try QuoteModel(.init(words: ["threshold", "nonsense"], tag: "1.0"), file: "m.tsv") }
    let m = try QuoteModel(weights: ["bias": 0.5, "prev2:开展": 1, "first:清": 0.25, "len:2": -2], threshold: 0)
    let t = Array("开展“清风”行动".unicodeScalars)
    #expect(m.score(t, open: 2, close: 5, bounds: 0..<t.count, lexicon: []) == -0.25)
}

@Test func shippedModelTellsSpeechFromACoinage() throws {
    let m = try QuoteModel(SloganStage.resource("quote-model", ext: "tsv"), file: "quote-model.tsv")
    let speech = Array("他笑着说：“我都办好了。”".unicodeScalars)
    #expect(!m.isSlogan(speech, open: 5, close: 12, bounds: 0..<speech.count, lexicon: []))
    let coinage = Array("全县推行“三查两访”工作法。".unicodeScalars)
    #expect(m.isSlogan(coinage, open: 4, close: 9, bounds: 0..<coinage.count, lexicon: []))
}
