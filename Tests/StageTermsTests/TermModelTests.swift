import Foundation
import Testing
import ZhituCore
@testable import StageTerms

/// A small synthetic background: the parts of the governance vocabulary are frequent.
private let background = Background(["社会": 50, "治理": 60, "污染": 30, "防治": 20, "噪声": 5, "土壤": 8, "源头": 9,
                                     "防控": 12, "找矿": 3, "突破": 7, "战略": 40, "行动": 30, "工作": 90, "群众": 80,
                                     "综合": 20, "释放": 9])
/// Discovered terms must begin the way glossary entries begin: 噪声…, 土壤…, 找矿… are term starts here.
private let model = TermModel(glossary: ["社会治理", "市域社会治理", "网格化管理", "噪声治理", "土壤保护", "找矿勘查", "城镇建设"],
                              stop: ["人民群众"], background: background)

/// Tokens: the given words, contiguous, as one sentence.
private func doc(_ words: [String]) -> Document {
    var d = Document(id: "t", path: "t.txt", bytes: [])
    var pos = 0
    for w in words {
        let n = w.unicodeScalars.count
        let punct = n == 1 && "，。、".contains(w)
        d.tokens.append(Token(start: pos, end: pos + n, sentence: 0, kind: punct ? .punct : .ideo))
        d.text += Array(w.unicodeScalars)
        pos += n
    }
    d.sentences = [Sentence(start: 0, end: pos, kind: .body)]
    return d
}

private func terms(_ words: [String]) -> [String] {
    let d = doc(words)
    return model.terms(d.text, d.tokens(inSentence: 0), 0..<d.text.count).map { d.string($0.0) }
}

@Test func glossaryMatchesAreLongestFirstAndNestedTermsAreNotRepeated() {
    #expect(terms(["推进", "市域", "社会", "治理", "。"]) == ["市域社会治理"])
    #expect(terms(["加强", "社会", "治理", "。"]) == ["社会治理"])
}

@Test func discoveryFindsHeadedNounPhrasesKnownToTheBackground() {
    #expect(terms(["开展", "噪声", "污染", "防治", "。"]) == ["噪声污染防治"])
    #expect(terms(["实施", "土壤", "污染", "源头", "防控", "。"]) == ["土壤污染源头防控"])
}

@Test func leadingVerbsAreStripped() {
    #expect(!terms(["加强", "污染", "防治"]).contains("加强污染防治"))
}

@Test func weakHeadsNeedALongModifier() {
    // 整治行动 alone is generic; a long programme name is a term.
    #expect(terms(["开展", "群众", "行动", "。"]).isEmpty)
    #expect(terms(["启动", "找矿", "突破", "战略", "行动", "。"]) == ["找矿突破战略行动"])
}

@Test func twoWordCandidatesAreLeftToTheGlossary() {
    // 噪声防控 would be a verb-or-noun + head pair; only the glossary decides those.
    #expect(terms(["开展", "噪声", "防控", "。"]).isEmpty)
}

@Test func aCandidateMustBeginLikeAGlossaryTerm() {
    // 释放 starts no glossary entry: 释放污染防治 is a verb phrase although its parts are known.
    #expect(terms(["开展", "释放", "污染", "防治", "。"]).isEmpty)
    #expect(terms(["开展", "噪声", "污染", "防治", "。"]) == ["噪声污染防治"])
}

@Test func aCandidateCutInsideARunOfWordsIsAFragment() {
    // The 12-character limit stops before 城市群: what is left starts inside the phrase.
    #expect(terms(["城市群", "噪声", "污染", "源头", "综合", "防控", "。"]).isEmpty)
    #expect(terms(["加强", "噪声", "污染", "源头", "综合", "防控", "。"]) == ["噪声污染源头综合防控"])
}

@Test func campaignNamesMayBeLongAndNeedNoBackground() {
    // 燃气, 管道 and 巡查 are unknown to the background; the campaign ending carries the phrase.
    #expect(terms(["开展", "城镇", "燃气", "管道", "巡查", "专项", "整治", "。"]) == ["城镇燃气管道巡查专项整治"])
    #expect(terms(["开展", "城镇", "燃气", "专项", "整治", "。"]) == ["城镇燃气专项整治"])
    // The same words under an ordinary head are not a term.
    #expect(terms(["开展", "城镇", "燃气", "隐患", "治理", "。"]).isEmpty)
}

@Test func unknownPartsScoreBelowTheThreshold() {
    #expect(terms(["开展", "啊啊", "呀呀", "治理", "。"]).isEmpty)
}

@Test func clausePunctuationEndsACandidate() {
    #expect(!terms(["污染", "，", "防治"]).contains { $0.contains("，") })
}

@Test func stageSkipsSlogansAndFurniture() throws {
    let stage = TermStage(model: model)
    var d = doc(["推进", "社会", "治理", "。"])
    d.annotate(.slogan, 2..<6)
    try stage.process(&d)
    #expect(!d.annotations.contains { $0.kind == .term })
    var f = doc(["社会", "治理"])
    f.sentences[0].kind = .furniture
    try stage.process(&f)
    #expect(f.annotations.isEmpty)
}

@Test func aGlossaryTermInsideACompactSloganIsPartOfItsName() throws {
    let stage = TermStage(model: TermModel(glossary: ["社会治理", "土壤保护"], stop: [], background: background, discovery: false))
    // “智慧社会治理港”: one name, not a mention of 社会治理
    var compact = doc(["智慧", "社会", "治理", "港", "。"])
    compact.annotate(.slogan, 0..<7)
    try stage.process(&compact)
    #expect(!compact.annotations.contains { $0.kind == .term })
    // a list or clause formula keeps its phrases' terms
    var list = doc(["土壤", "保护", "、", "社会", "治理", "。"])
    list.annotate(.slogan, 0..<9)
    try stage.process(&list)
    #expect(list.annotations.filter { $0.kind == .term }.map(\.text) == ["土壤保护", "社会治理"])
}

@Test func malformedBackgroundIsAnErrorNamingTheLine() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bg-\(UUID().uuidString).tsv")
    try "社会治理\t5\t2\n坏行\n".write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: LexiconError.self) { try Background(contentsOf: url) }
}

@Test func shippedResourcesLoadWithDefaults() throws {
    let options = StageOptions(specs: TermStage.descriptor.options)
    let context = StageContext(baseDirectory: URL(fileURLWithPath: "/tmp"), instanceName: "terms", optionsPath: "stages[6].options")
    _ = try TermStage(options: options, context: context)
}

@Test func aCampaignNameHoldsTheGlossaryTermsInside() {
    // The segmenter splits words it does not know into characters (攻|坚|战, 打|响); the glossary
    // term's start is a word start, the split verb still ends the phrase, and the name replaces 水污染.
    let m = TermModel(glossary: ["水污染", "森林防火"], stop: [], background: background)
    func found(_ words: [String]) -> [String] {
        let d = doc(words)
        return m.terms(d.text, d.tokens(inSentence: 0), 0..<d.text.count).map { d.string($0.0) }
    }
    #expect(found(["各地", "打", "响", "水", "污染", "防治", "攻", "坚", "战", "。"]) == ["水污染防治攻坚战"])
    #expect(found(["的", "森", "林", "防", "火", "阻击", "战", "中"]) == ["森林防火阻击战"])
    // Under an ordinary head the glossary term stays as it is.
    #expect(found(["打", "响", "水", "污染", "扩散", "治理", "。"]) == ["水污染"])
}

@Test func theShippedGlossaryKnowsTheCriminalLawsChargeNames() throws {
    // scripts/charge-names.txt: single-act names, with and without 罪, are terms; a name listing
    // several acts (组织、领导传销活动) is not one term.
    let options = StageOptions(specs: TermStage.descriptor.options)
    let context = StageContext(baseDirectory: URL(fileURLWithPath: "/tmp"), instanceName: "terms", optionsPath: "stages[6].options")
    let stage = try TermStage(options: options, context: context)
    func found(_ words: [String]) -> [String] {
        let d = doc(words)
        return stage.model.terms(d.text, d.tokens(inSentence: 0), 0..<d.text.count).map { d.string($0.0) }
    }
    #expect(found(["两", "人", "因", "非法", "狩猎", "被", "处罚", "。"]) == ["非法狩猎"])
    #expect(found(["以", "串通", "投标", "罪", "提起", "公诉", "。"]) == ["串通投标罪"])
    #expect(!found(["组织", "、", "领导", "传销", "活动", "。"]).contains("组织、领导传销活动"))
}
