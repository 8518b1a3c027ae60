import Foundation
import Testing
import ZhituCore
@testable import StageSlogans

/// The shipped quote model: the quote decisions below are the learned model's.
private let model = try! QuoteModel(SloganStage.resource("quote-model", ext: "tsv"), file: "quote-model.tsv")
private let common = CommonWords(try! SloganStage.resource("common-words"))
private let rules = SloganRules(lexicon: ["枫桥经验", "两个维护", "获得感、幸福感、安全感"], quoted: ["网格议事"], not: ["三院"],
                                places: ["青海", "西宁", "宁夏", "新宁"], model: model, commonWords: common)
private let stage = SloganStage(rules: rules)

/// Slogan texts the stage finds in one sentence.
private func slogans(_ s: String) -> [String] {
    let t = Array(s.unicodeScalars)
    return stage.spans(t, 0..<t.count).map { String(String.UnicodeScalarView(t[$0])).replacingOccurrences(of: "”", with: "") }
}

/// The class of the first quote of `s`.
private func quoteClass(_ s: String) -> QuoteClass {
    let t = Array(s.unicodeScalars)
    let o = t.firstIndex(of: "“")!, c = t.firstIndex(of: "”")!
    return rules.classifyQuote(t, open: o, close: c, bounds: 0..<t.count)
}

@Test func quotedCoinageFollowedByGenericHeadIsRecordedWithoutTheHead() {
    #expect(slogans("实施“网格点亮”工程，效果明显。") == ["网格点亮"])
    #expect(slogans("完善“四方联动”机制。").contains("四方联动"))
}

@Test func quotedNumberedFormulaIsExtendedByItsCompletion() {
    let found = slogans("深化“五治”融合，夯实基础。")
    #expect(found.contains("五治融合"))
    #expect(found.contains("五治"))
    #expect(slogans("深入推进“八五”普法。") == ["八五普法"])
}

@Test func directSpeechIsNotASlogan() {
    #expect(quoteClass("他说：“我们一定把这件事做好，做扎实。”") == .speech)
    #expect(quoteClass("“稳赚不赔的投资真的有多？”") == .speech)
}

@Test func speechWithoutSentencePunctuationIsSpeech() {
    #expect(quoteClass("老人笑着说“你们都来了”，很高兴。") == .speech)
    #expect(quoteClass("大家问“真的能办成吗”。") == .speech)
    #expect(quoteClass("报告“理清了思路、鼓舞了干劲”。") == .speech)
}

@Test func nicknamesAreNotSlogans() {
    #expect(quoteClass("村民都称呼他“老黄牛”。") == .designation)
    #expect(quoteClass("人称“百事通”的老张") == .designation)
    #expect(quoteClass("街坊们都管她叫“热心肠”。") == .designation)
    #expect(quoteClass("这座桥被当地人称之为“回家桥”。") == .designation)
    #expect(quoteClass("她们常被称作“巷口姐妹”。") == .designation)
}

@Test func aNicknameStaysOneWhereverItIsQuoted() throws {
    var doc = Document(id: "t", path: "t.txt", bytes: [])
    doc.text = Array("村民都称呼他“三把刀”。“三把刀”又来了调解。".unicodeScalars)
    doc.sentences = [Sentence(start: 0, end: 12, kind: .body), Sentence(start: 12, end: doc.text.count, kind: .body)]
    try stage.process(&doc)
    #expect(!doc.annotations.contains { $0.kind == .slogan && $0.text == "三把刀" })
}

@Test func oneOffMetaphorsAreNotSlogans() {
    #expect(quoteClass("为源头治理找到了“金钥匙”。") == .metaphor)
    #expect(quoteClass("打造社会治理“金字招牌”。") == .metaphor)
    #expect(quoteClass("服务群众的“神经末梢”。") == .metaphor)
    #expect(quoteClass("筑牢了“第一道防线”。") == .metaphor)
}

@Test func awardsHonoursAndEventsAreDesignations() {
    #expect(quoteClass("捧得“长安杯”。") == .designation)
    #expect(quoteClass("全省“两会”期间") == .designation)
    #expect(quoteClass("中乡“双基办”推进") == .designation)
    #expect(quoteClass("有“中国枸杞之乡”的美誉") == .designation)
}

@Test func chainedQuotesShareTheHeadOfTheLast() {
    let found = slogans("建立分等级调度“叫醒”“叫应”机制。")
    #expect(found.contains("叫醒") && found.contains("叫应"))
}

@Test func quotesJoinedByConnectorsShareTheHeadOfTheLast() {
    let found = slogans("从“洁净院落”到“美丽庭院”再到“和美村居”建设活动，一步一个脚印。")
    #expect(found.contains("洁净院落") && found.contains("美丽庭院") && found.contains("和美村居"))
}

@Test func aChainDoesNotTurnHonoursIntoSlogans() {
    let found = slogans("先后获“全国文明单位”“清风小院”工程等。")
    #expect(found.contains("清风小院") && !found.contains("全国文明单位"))
}

@Test func unquotedNumberedFormulas() {
    #expect(slogans("坚持抓小防扩大，落实四抓四防要求。").contains("四抓四防"))
    #expect(slogans("建立1+10+X组织领导体系。").contains("1+10+X"))
    #expect(slogans("实施十大专项行动。").contains("十大专项行动"))
    #expect(slogans("构建六位一体工作体系。").contains("六位一体"))
}

@Test func ordinaryCountsAreNotFormulas() {
    #expect(slogans("走访了三个社区和两家企业。").isEmpty)
    #expect(slogans("市县乡村四级联通，覆盖六大领域。").isEmpty)
    #expect(slogans("全年共有3人获奖，2个项目落地。").isEmpty)
    #expect(slogans("推进珠三角一体化发展。").isEmpty)
}

@Test func unquotedParallelFormulas() {
    #expect(slogans("确保白天见警察、夜间见警灯。").contains("白天见警察、夜间见警灯"))
    #expect(slogans("做到大事不出镇，小事不出村。").contains("大事不出镇，小事不出村"))
    #expect(slogans("办事依法、遇事找法、解决问题用法在社区蔚然成风。").contains("办事依法、遇事找法、解决问题用法"))
}

@Test func descriptiveListsAreNotParallelFormulas() {
    #expect(slogans("聚焦问题清单、责任清单。").isEmpty)
    #expect(slogans("让居家更安心、出行更放心、生活更舒心。").isEmpty)
    #expect(slogans("排查人员密集场所、教育教学场所。").isEmpty)
    #expect(slogans("为工作理清了思路、鼓足了干劲。").isEmpty)
    // superlatives and comparatives describe (人口最多、程度最深), they do not coin
    #expect(slogans("这里山路最陡、河谷最深、气候最冷。").isEmpty)
}

@Test func lexiconAndPlaceBrandedGoals() {
    #expect(slogans("坚持和发展新时代枫桥经验。") == ["枫桥经验"])
    #expect(slogans("为建设更高水平的平安青海贡献力量。") == ["建设更高水平的平安青海"])
    #expect(slogans("打造平安西宁。") == ["平安西宁"])
    // A lexicon word inside a longer quoted coinage is not recorded on its own.
    #expect(slogans("推行“两个维护工作室”服务。") == ["两个维护工作室"])
}

@Test func variantsAreLinked() throws {
    var doc = Document(id: "t", path: "t.txt", bytes: [])
    doc.text = Array("深化“五治”融合。“五治”互融。".unicodeScalars)
    doc.sentences = [Sentence(start: 0, end: doc.text.count, kind: .body)]
    try SloganStage(rules: rules, dropInnerQuotes: true).process(&doc)
    let rel = doc.annotations.filter { $0.kind == .variant && $0.type == "VARIANT_OF" }
    #expect(rel.contains { $0.head == "五治" && $0.tail == "五治融合" })
    #expect(rel.contains { $0.head == "五治" && $0.tail == "五治互融" })
}

@Test func furnitureSentencesAreSkipped() throws {
    var doc = Document(id: "t", path: "t.txt", bytes: [])
    doc.text = Array("责任编辑：“四抓四防”".unicodeScalars)
    doc.sentences = [Sentence(start: 0, end: doc.text.count, kind: .furniture)]
    try stage.process(&doc)
    #expect(doc.annotations.isEmpty)
}

@Test func missingUserLexiconIsAnErrorNamingTheFile() {
    let options = StageOptions(specs: SloganStage.descriptor.options, overrides: ["lexicons": .strings(["nope.txt"])])
    let context = StageContext(baseDirectory: URL(fileURLWithPath: "/tmp"), instanceName: "slogans", optionsPath: "stages[5].options")
    #expect(throws: LexiconError.self) { try SloganStage(options: options, context: context) }
}

@Test func userLexiconAddsFormulations() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("slogan-lex-\(UUID().uuidString).txt")
    try "红色驿站\n".write(to: url, atomically: true, encoding: .utf8)
    let options = StageOptions(specs: SloganStage.descriptor.options, overrides: ["lexicons": .strings([url.path])])
    let context = StageContext(baseDirectory: URL(fileURLWithPath: "/tmp"), instanceName: "slogans", optionsPath: "stages[5].options")
    let s = try SloganStage(options: options, context: context)
    let t = Array("建成红色驿站。".unicodeScalars)
    #expect(s.spans(t, 0..<t.count).map { String(String.UnicodeScalarView(t[$0])) } == ["红色驿站"])
}

@Test func aListCountedByTheFollowingFormulaIsItsContent() {
    let found = slogans("集中开展大排查、大整治、大曝光、大演练、大约谈、大督导“六大行动”，全面排查。")
    #expect(found.contains("大排查、大整治、大曝光、大演练、大约谈、大督导"))
    #expect(found.contains("六大行动"))
    // A list of another length is not the formula's content.
    #expect(!slogans("开展大排查、大整治“六大行动”。").contains("大排查、大整治"))
}

@Test func parallelFormulaInsideSpeechCounts() {
    #expect(slogans("他说：“打造了事事有回应、件件有着落的基层治理新模式。”").contains("事事有回应、件件有着落"))
}

@Test func shortPhrasePairsAreNotFormulas() {
    #expect(slogans("做到责任到人、措施到位。").isEmpty)
    #expect(slogans("坚持听民意、解民愁。").isEmpty)
}

@Test func recordTextIsTheSourceSpanUnlessInnerQuotesAreDropped() throws {
    var doc = Document(id: "t", path: "t.txt", bytes: [])
    doc.text = Array("深化“五治”融合。".unicodeScalars)
    doc.sentences = [Sentence(start: 0, end: doc.text.count, kind: .body)]
    var faithful = doc
    try stage.process(&faithful)
    // The default keeps records clean source spans: the extension is cut at the quote mark.
    #expect(faithful.annotations.filter { $0.kind == .slogan }.map(\.text) == ["五治"])
    try SloganStage(rules: rules, dropInnerQuotes: true).process(&doc)
    #expect(doc.annotations.contains { $0.kind == .slogan && $0.text == "五治融合" })
}

@Test func periodLabelsAreNotSlogans() {
    #expect(slogans("这是“十四五”开局之年。").isEmpty)
    #expect(slogans("推出“‘十四五’展望”专栏。").isEmpty)
    // completed by a formula word, the numerals are a formula
    #expect(slogans("深入推进“九五”普法。") == ["九五普法"])
}

@Test func nationalHonoursAreDesignations() {
    #expect(quoteClass("获得“全国文明单位”后") == .designation)
    #expect(quoteClass("成为“国家级绿色矿山”") == .designation)
}

@Test func spansTheTrainingAnnotationsNeverTakeAreNotSlogans() {
    #expect(quoteClass("审议“三院”工作报告") == .designation)
}

@Test func quotedOnlyLexiconEntriesCountOnlyWhenQuoted() {
    #expect(slogans("推行“网格议事”。") == ["网格议事"])
    #expect(slogans("推行网格议事。").isEmpty)
}

@Test func placeBrandedGoalsAfterXinAndLeads() {
    // 美丽+新+宁夏, not 美丽+a place named 新宁
    #expect(slogans("建设美丽新宁夏。") == ["美丽新宁夏"])
    #expect(slogans("迈向平安中国。") == ["平安中国"])
    #expect(slogans("建设社会主义新青海。") == ["社会主义新青海"])
    #expect(slogans("加快建设新西宁，奋力前行。") == ["新西宁"])
    #expect(slogans("推进自主创新西宁试点。").isEmpty)
    #expect(slogans("新中国成立以来，变化巨大。").isEmpty)
}

@Test func maximPairsShareATemplate() {
    #expect(slogans("做到有错必纠、有责必究。").contains("有错必纠、有责必究"))
    // a shared word, not a template: a pair of phrases
    #expect(slogans("做到责任到人、措施到位。").isEmpty)
}

@Test func equatingMaxims() {
    #expect(slogans("牢固树立保护环境就是保护家园理念。") == ["保护环境就是保护家园"])
    #expect(slogans("那就是我们最大的心愿。").isEmpty)
}

@Test func aChainWithALexiconFormulationListsFormulations() {
    // Alone, the quoted word is colour; chained with an established formulation it is one of a list.
    #expect(!slogans("为治理找到了“金钥匙”。").contains("金钥匙"))
    let found = slogans("推广“枫桥经验”、“金钥匙”。")
    #expect(found.contains("枫桥经验") && found.contains("金钥匙"))
    #expect(slogans("推广“金钥匙”、“枫桥经验”。").contains("金钥匙"))
}

@Test func aQuoteCountedByAClassifierIsAThingOrAnImage() {
    #expect(quoteClass("远处是一幢幢“空中楼阁”。") == .metaphor)
    #expect(quoteClass("这座“山间明月”见证了变化。") == .metaphor)
    // The classifier counts the generic head after the quote: the quote is the campaign's name.
    #expect(quoteClass("开展一场“清源护苗”行动。").isCoinage)
}

@Test func aQuotedFormulaOfParallelClausesIsASloganDespiteItsComma() {
    #expect(quoteClass("大家常说“把座位让给老人，把站票留给自己”。").isCoinage)
    // Speech with a comma and no shared template stays speech.
    #expect(!quoteClass("他说“今天天气不错，我们去河边走走”。").isCoinage)
}

@Test func aParallelRunIsNotCutInsideAWord() {
    // Trimmed to the second member's width, the first would start inside 医院 (…医|院东湖院区).
    #expect(rules.parallelFormulas(Array("走访青山人民医院东湖院区、人民医院西湖院区。".unicodeScalars), 0..<22).isEmpty)
    #expect(!slogans("我们坚持抓小防扩大、抓早防升级。").isEmpty)
}

@Test func theStatesOfAChangeAreDescriptionsNotFormulas() {
    // 从“X”到/向“Y”: where something went from and to.
    let found = slogans("合作社从“单打独斗”的老路，转向“抱团发展”的新路。")
    #expect(!found.contains("单打独斗"))
    #expect(!found.contains("抱团发展"))
    // A chain whose last state takes a generic head names campaigns.
    let campaigns = slogans("从“洁净庭院”到“美丽村庄”再到“幸福家园”创建活动，村里变了样。")
    #expect(campaigns.contains("幸福家园"))
    #expect(campaigns.contains("洁净庭院"))
}

@Test func aListOfQuotesWithACoinageIsAListOfCoinages() {
    // “A”、“B”: the quoted members of one list are things of one kind.
    let found = slogans("村里实行“积分超市”、“红黑榜”，村风焕然一新。")
    #expect(found.contains("积分超市"))
    #expect(found.contains("红黑榜"))
    // The coinage may come last: the members before it are taken along.
    let before = slogans("村里实行“红黑榜”、“积分超市”，村风焕然一新。")
    #expect(before.contains("红黑榜") && before.contains("积分超市"))
    // Quotes apart are decided one by one.
    let apart = slogans("村里实行“积分超市”，大家都说是“红黑榜”。")
    #expect(!apart.contains("红黑榜"))
}

@Test func aMeansAndItsEndAreAMaxim() {
    // 以A促B as a whole clause; such clauses joined by ， are one formula.
    #expect(slogans("会议强调，以科技创新带动产业升级，以绿色转型促进乡村振兴。") == ["以科技创新带动产业升级，以绿色转型促进乡村振兴"])
    #expect(slogans("以党建促发展。") == ["以党建促发展"])
    // 以 in a word (以来, 以此) or a sentence with a pronoun is no maxim.
    #expect(slogans("三年以来，各地以此推动工作。").isEmpty)
    #expect(slogans("以我们的努力推动发展。").isEmpty)
}

@Test func aQuoteStartingWithADivisionsFullNameNamesAUnit() {
    #expect(quoteClass("登录“西宁市网上办事大厅”即可办理。") == .designation)
    #expect(quoteClass("授予他“青海省优秀网格员”。") == .designation)
}

@Test func aSimileWhoseVerbRepeatsIsAFormula() {
    #expect(slogans("我们要像爱护眼睛一样爱护山林。") == ["像爱护眼睛一样爱护山林"])
    // an image, or a description of what someone did, is no formula
    #expect(slogans("他们像青松一样扎根边疆。").isEmpty)
    #expect(slogans("像照看孩子一样照看着那片林子。").isEmpty)
}

@Test func aShortOrCutSimileIsNone() {
    #expect(slogans("好像。").isEmpty)
    #expect(slogans("像“一样”").isEmpty)
    #expect(slogans("像").isEmpty)
}
