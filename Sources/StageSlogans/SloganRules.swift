// The rules that find slogans in one sentence: what a quote is (with the quote model) and
// parallel formulas; numbered formulas, maxims and lexicon matches are in their own files.
// Pure functions over the normalised text, so they can be tested on small fixtures.
import ZhituCore

/// What a quoted span is.
public enum QuoteClass: Equatable, Sendable {
    /// A coined formulation, recorded with the given range (possibly extended past the quote).
    case coinage(Range<Int>)
    case speech
    case metaphor
    /// A title, award, honour, designation, named unit or event.
    case designation
}

public struct SloganRules: Sendable {
    /// Established formulations found wherever they occur (shipped + user lexicon).
    public private(set) var lexicon: Trie
    /// Every lexicon entry, also those that count only when quoted.
    public var lexiconWords: Set<String>
    /// Spans the training annotations quote and never take for slogans (两院).
    public let notSlogans: Set<String>
    /// Decides whether a quoted span is a slogan.
    public let model: QuoteModel
    /// Ordinary words (true: frequent), a feature of the model: a quoted ordinary word is mostly a metaphor.
    public let commonWords: CommonWords
    /// Short place names (provinces, prefectures, counties) for place-branded goals (平安+place).
    public var places: Set<String> { didSet { placeStarts = ScalarSet(places.compactMap(\.unicodeScalars.first) + ["中"]) } }
    /// First characters of the places (and 中国): a bitmap tested before any string is built.
    var placeStarts: ScalarSet

    /// Generic heads that follow a coinage without belonging to it.
    static let heads: WordList = ["工作法", "工作", "机制", "模式", "行动", "工程", "品牌", "服务", "创建", "制度", "平台", "体系",
                        "活动", "理念", "经验", "项目", "建设", "热线", "载体", "格局", "做法", "战略", "组织", "要求",
                        "任务", "治理", "系统", "队伍", "精神", "升级版", "推广", "实践", "改革", "示范", "专线", "义务",
                        "司法所", "党建", "创新", "地方立法", "法律服务", "调解", "品牌", "新画卷", "阵地", "站", "室", "点", "等"]
    /// Words that, after a numbered quote, complete the formula (“五治”融合 → 五治融合).
    static let completions: WordList = ["融合", "互融", "普法", "联动", "并举", "一体", "共治", "合一", "同步"]
    /// Verbs and markers that introduce a coinage just before the quote.
    static let introducers: WordList = ["开展", "实施", "推行", "推广", "落实", "深化", "创建", "打造", "建立", "组建", "探索", "培育",
                              "开通", "构建", "实现", "坚持", "树立", "首创", "推进", "形成", "创新", "发挥", "采取", "依托",
                              "围绕", "推出", "启动", "打响", "提出", "立足", "结合", "通过", "作为", "实行", "完善", "丰富",
                              "叫响", "擦亮", "深入", "全面", "着力", "聚焦", "秉持", "践行", "弘扬", "发展", "健全", "把",
                              "将", "即", "称", "叫", "号", "及", "与", "批", "支", "条", "个", "项", "种", "套", "着"]
    static let designationSuffixes = ["杯", "App", "APP", "网", "之乡", "基地", "示范市", "示范区", "合格城市", "试点城市",
                                      "优秀市", "奖", "小组", "队伍", "群", "称号", "荣誉", "大会", "会议"]
    static let namingVerbs: WordList = ["称呼", "人称", "外号", "绰号", "昵称", "戏称", "尊称", "叫他", "叫她", "称他", "称她", "美称", "誉为", "俗称",
                                                 "称之为", "称作", "她叫", "他叫", "们叫"]
    static let modalParticles: Set<Unicode.Scalar> = Set("吗呢吧啊呀嘛啦".unicodeScalars)
    static let honourPrefixes = ["全国", "国家", "中国", "省级", "市级"]
    static let honourHeads = ["企业", "矿井", "煤矿", "矿山", "名村", "名镇", "单位", "集体", "城市", "县", "乡镇", "村", "强", "先进", "模范", "标兵"]
    static let designationMarkers = ["优秀", "称号", "荣誉", "领导小组"]
    static let designationBefore: WordList = ["获评", "被评为", "荣获", "捧得", "确定为", "命名为", "授予", "评为", "获得"]
    static let designationAfter: WordList = ["荣誉", "称号", "美誉", "奖", "之称", "之誉"]
    static let events: Set<String> = ["两会", "全国两会"]
    /// Ordinary counted nouns: numeral + one of these is a count, not a formula.
    static let measures: Set<Unicode.Scalar> = Set("年月日天号时分秒次人万亿元名个家所件起处条项批场位支座户岁倍米里斤吨辆间套张份期届轮台口栋层级".unicodeScalars)
    static let functionChars: Set<Unicode.Scalar> = Set("的是又有就和了在对把被也都而与及或之其这那".unicodeScalars)
    /// Formula heads after numeral + one character: 六位一体, 五级联动, 五治融合.
    static let numberedHeads: WordList = ["一体", "联动", "融合", "互融", "合一", "并举", "共治", "同步", "齐抓", "同创"]
    /// Place-branded goal prefixes.
    static let placeBrands: WordList = ["平安", "法治", "美丽", "幸福", "现代化新", "健康", "和谐", "壮美", "大美", "数字", "数智", "新"]
    /// First characters of the brands: a bitmap, as it is tested on every character.
    static let brandStarts = ScalarSet(placeBrands.words.compactMap(\.unicodeScalars.first))
    /// Words before a place-branded goal that belong to it (建设更高水平的平安青海, 社会主义现代化新…).
    static let goalLeads = ["社会主义现代化", "建设更高水平的", "更高水平的", "建设更高水平", "社会主义", "现代化"]

    /// `lexicon` entries are found wherever they occur; `quoted` ones only count when quoted;
    /// `not` ones, when quoted, are not slogans.
    public init(lexicon: [String], quoted: [String] = [], not: [String] = [], places: Set<String>, model: QuoteModel,
                commonWords: CommonWords = [:]) {
        self.model = model
        self.notSlogans = Set(`not`).subtracting(lexicon)
        self.commonWords = commonWords
        self.lexicon = Trie(lexicon)
        self.lexiconWords = Set(lexicon).union(quoted)
        self.places = places
        self.placeStarts = ScalarSet(places.compactMap { $0.unicodeScalars.first } + ["中"])   // a closure: the key path was applied through the runtime, 1.5 ms
    }

    // MARK: quoted spans

    /// Classifies the quote whose marks are at `open` and `close` (inclusive), within `bounds`.
    /// Whether it is a slogan is the quote model's decision (learned from the training
    /// annotations); the rules here only say which span a slogan covers and, for the others,
    /// whether they are speech (the unquoted rules read inside speech) or a name or metaphor.
    public func classifyQuote(_ t: [Unicode.Scalar], open: Int, close: Int, bounds: Range<Int>) -> QuoteClass {
        let lo = open + 1, hi = close
        let n = hi - lo
        guard n >= 1 else { return .metaphor }
        let content = t.string(lo..<hi)
        if lexiconWords.contains(content) { return .coinage(extend(t, lo, hi, bounds)) }
        if notSlogans.contains(content) { return .designation }
        // A period label (十三五, 十四五) leading a column or theme (‘十三五’观察) is not a formula.
        var k = lo
        while k < hi, t[k] == "‘" || t[k] == "“" { k += 1 }
        let numerals = k
        while k < hi, QuoteModel.isCN(t[k]) { k += 1 }
        if k - numerals >= 3, t[k - 1] == "五" { return .designation }
        // Numerals alone are a period label or a count, unless a word completes the formula
        // (“八五”普法).
        if t[lo..<hi].allSatisfy(QuoteModel.isCN) {
            let r = extend(t, lo, hi, bounds)
            return r.upperBound > hi ? .coinage(r) : .designation
        }
        // A clause closed by a modal particle (…吗, …呢), or anything with the aspect particle 了
        // (none of the quoted slogans of train and seeds has one), is speech or description.
        if Self.modalParticles.contains(t[hi - 1]) || t[lo..<hi].contains("了") { return .speech }
        // A nickname or epithet: the text calls someone or something by it (人称“…”, 称呼她“…”).
        if isNamed(t, open: open, bounds: bounds) { return .designation }
        if isChangeState(t, open: open, close: close, bounds: bounds) { return .metaphor }
        // An ordinal phrase (第一道防线) ranks something; it does not name a campaign.
        if t[lo] == "第", n > 2, Chars.isNumeral(t[lo + 1]) { return .metaphor }
        // 这座“…”, 一场“…”, 一幢幢“…”: a demonstrative or 一 with a classifier counts a thing or an
        // image, which a formula is not — unless the classifier counts the generic head after
        // the quote (一场“…”行动).
        if isCounted(t, open: open, bounds: bounds), !isStrongCoinage(t, open: open, close: close, bounds: bounds) { return .metaphor }
        // Awards, apps, honours, named units and events (长安杯, …示范市, 1·24) by their shape.
        if isDesignation(t, lo, hi, bounds) { return .designation }
        // Quoted members of one template (把X留给Y，把Z留给W; …一点，…一点): a fixed formula, even
        // with a comma inside, which the model reads as speech (train: 11 of 13 such quotes are slogans).
        if n >= 7, t[lo..<hi].contains(where: Chars.isSeparator), isParallel(t, lo..<hi, quoted: false) { return .coinage(lo..<hi) }
        if model.isSlogan(t, open: open, close: close, bounds: bounds, lexicon: lexiconWords, common: commonWords) {
            // “熬茶”接访工作室: a two-character quote, a two-character word, then a generic head —
            // the word belongs to the formula.
            if n == 2, close + 3 < bounds.upperBound, t[(close + 1)...(close + 2)].allSatisfy(Chars.isHan),
               t.prefixMatch(Self.heads, at: close + 1) == nil, t.prefixMatch(Self.heads, at: close + 3) != nil,
               !Chars.isNumeral(t[close + 1]) {
                return .coinage(lo..<(close + 3))
            }
            return .coinage(extend(t, lo, hi, bounds))
        }
        if t[lo..<hi].contains(where: { Chars.final.contains($0) || $0 == "，" || $0 == "," }) || n > 16 { return .speech }
        if t[max(bounds.lowerBound, open - 2)..<open].contains(where: { $0 == "：" || $0 == ":" }) { return .speech }
        return .metaphor
    }

    /// One-character words that end a lead before a formula (打造了|…, 让|…, 村民们|…).
    static let leadEnds: Set<Unicode.Scalar> = Set("了着过们让使把将被对向在从给为要都就也又再还并和与及".unicodeScalars)

    /// Extends a numbered quote by a completing word right after it (“五治”融合 → 五治融合).
    func extend(_ t: [Unicode.Scalar], _ lo: Int, _ hi: Int, _ bounds: Range<Int>) -> Range<Int> {
        let next = hi + 1
        guard next < bounds.upperBound, hi - lo <= 3, t[lo..<hi].contains(where: Chars.isNumeral),
              let w = t.prefixMatch(Self.completions, at: next) else { return lo..<hi }
        let end = next + w.unicodeScalars.count
        // The extended formula skips the closing quote mark.
        return lo..<end
    }

    /// Numeral + noun character (五治), as opposed to two numerals (八五).
    public func isNumberedNoun(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        r.count == 2 && Chars.isCN(t[r.lowerBound]) && !Chars.isNumeral(t[r.lowerBound + 1])
    }

    // MARK: parallel formulas

    /// Splits `r` into members at list separators.
    static func members(_ t: [Unicode.Scalar], _ r: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(1 + r.reduce(0) { Chars.isSeparator(t[$1]) ? $0 + 1 : $0 })
        var s = r.lowerBound
        for i in r where Chars.isSeparator(t[i]) {
            out.append(s..<i)
            s = i + 1
        }
        out.append(s..<r.upperBound)
        return out
    }

    /// Whether `r` is a list of clauses of matching shape: ≥2 members of 2–12 characters each,
    /// and either the same length with a shared character at the same position, or the same
    /// first or last character, or (quoted) members of 4+ characters of near-equal length.
    public func isParallel(_ t: [Unicode.Scalar], _ r: Range<Int>, quoted: Bool = true) -> Bool {
        let ms = Self.members(t, r)
        guard ms.count >= 2, ms.allSatisfy({ $0.count >= 2 && $0.count <= 12 }),
              ms.allSatisfy({ m in t[m].allSatisfy({ Chars.isHan($0) || $0 == "（" || $0 == "）" }) }) else { return false }
        if Self.sharesTemplate(t, ms) { return true }
        if quoted {
            let lens = ms.map(\.count)
            return lens.min()! >= 3 && lens.max()! <= 8 && lens.max()! - lens.min()! <= 2
        }
        return false
    }

    /// Same length and at least one character shared at the same position by all members, or a
    /// shared suffix/prefix character; at least one position must differ.
    static func sharesTemplate(_ t: [Unicode.Scalar], _ ms: [Range<Int>]) -> Bool {
        let n = ms[0].count
        if ms.allSatisfy({ $0.count == n }) {
            var shared = 0, differ = 0
            for k in 0..<n {
                let c = t[ms[0].lowerBound + k]
                if ms.allSatisfy({ t[$0.lowerBound + k] == c }) { shared += 1 } else { differ += 1 }
            }
            // A shared 化/性 suffix alone is a descriptive list (系统化、社会化…).
            if shared == 1 && ["化", "性", "的"].contains(t[ms[0].upperBound - 1]) && ms.allSatisfy({ t[$0.upperBound - 1] == t[ms[0].upperBound - 1] }) { return false }
            return shared >= 1 && differ >= 1 && n >= 3 || shared >= 1 && differ >= 1 && n == 2 && ms.count >= 3 && false
        }
        // Different lengths: a shared two-character tail (…至上) or head.
        let tails = Set(ms.map { t.string(($0.upperBound - 2)..<$0.upperBound) })
        return tails.count == 1 && ms.allSatisfy({ $0.count >= 3 })
    }

    /// Unquoted parallel formulas in `bounds`: runs of separated members of matching shape.
    /// The first member may carry a leading verb, trimmed to the others' length.
    public func parallelFormulas(_ t: [Unicode.Scalar], _ bounds: Range<Int>) -> [Range<Int>] {
        let bounds = bounds
        var out: [Range<Int>] = []
        // Segments between hard boundaries (quotes, 。；： brackets); inside, members separated by 、，
        var segStart = bounds.lowerBound
        var i = bounds.lowerBound
        while i <= bounds.upperBound {
            if i == bounds.upperBound || Chars.isHard(t[i]) {
                if i > segStart {
                    if let r = countedList(t, segStart..<i, bounds) { out.append(r) } else { out += parallelRuns(t, segStart..<i) }
                }
                segStart = i + 1
            }
            i += 1
        }
        return out
    }

    static let numeralValues: [Unicode.Scalar: Int] = ["二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]

    /// A list whose member count a numbered formula right after it names (大排查、…、大督导“六大行动”;
    /// 抓小防扩大、…、抓点防隐患“四抓四防”): the content of the formula.
    func countedList(_ t: [Unicode.Scalar], _ seg: Range<Int>, _ b: Range<Int>) -> Range<Int>? {
        var j = seg.upperBound
        if j < b.upperBound, t[j] == "“" || t[j] == "的" { j += 1 }
        if j < b.upperBound, t[j] == "“" { j += 1 }
        // (The bitmap first: nearly every segment ends at punctuation, and hashing it costs more.)
        guard j < b.upperBound, Chars.isCN(t[j]), let k = Self.numeralValues[t[j]] else { return nil }
        // Only the 、-joined tail of the segment: clauses before a ， are not members.
        var start = seg.upperBound
        while start > seg.lowerBound, t[start - 1] != "，", t[start - 1] != "," { start -= 1 }
        let ms = Self.members(t, start..<seg.upperBound)
        guard ms.count == k, ms.count >= 3, ms.dropFirst().allSatisfy({ $0.count >= 3 && $0.count <= 8 }),
              ms.allSatisfy({ m in t[m].allSatisfy(Chars.isHan) }) else { return nil }
        let n = ms[1].count
        guard ms[0].count >= n else { return nil }
        return (ms[0].upperBound - n)..<seg.upperBound
    }

    func parallelRuns(_ t: [Unicode.Scalar], _ seg: Range<Int>) -> [Range<Int>] {
        let ms = Self.members(t, seg)
        guard ms.count >= 2 else { return [] }
        var out: [Range<Int>] = []
        var a = 0
        while a < ms.count - 1 {
            // Grow the longest run starting at a whose members (after trimming the first and
            // the last to the common length) share a template.
            var best: Range<Int>?
            // inner members all have the width of the second (templateRun): no run reaches past
            // the first member of another width plus one
            var same = a + 1
            while same + 1 < ms.count && ms[same + 1].count == ms[a + 1].count { same += 1 }
            var b = min(ms.count, same + 2)
            while b > a + 1 {
                if let r = templateRun(t, ms[a..<b]) { best = r; break }
                b -= 1
            }
            if var r = best {
                // A longer next member that ends like the run joins it (办事依法、遇事找法、解决问题用法).
                if b < ms.count, r.upperBound == ms[b - 1].upperBound {
                    let final = t[r.upperBound - 1]
                    let next = ms[b]
                    if ms[a..<b].allSatisfy({ t[$0.upperBound - 1] == final }), next.count > ms[b - 1].count {
                        let n = ms[b - 1].count
                        for e in stride(from: next.lowerBound + n, through: min(next.upperBound, next.lowerBound + n + 3), by: 1)
                        where t[e - 1] == final && t[next.lowerBound..<e].allSatisfy(Chars.isHan) {
                            r = r.lowerBound..<e
                            b += 1
                            break
                        }
                    }
                }
                // A comma-joined formula takes up to two short closing members that end the
                // segment (大事不出镇，小事不出村，矛盾不上交，就地化解).
                if b < ms.count, ms.count - b <= 2, r.upperBound == ms[b - 1].upperBound,
                   t[ms[b - 1].upperBound] == "，", ms[b...].allSatisfy({ $0.count >= 3 && $0.count <= ms[b - 1].count && t[$0].allSatisfy(Chars.isHan) }) {
                    r = r.lowerBound..<ms[ms.count - 1].upperBound
                    b = ms.count
                }
                // Two short 、-joined phrases are a pair of phrases (责任到人、措施到位, 听民意、解民愁);
                // established pairs come from the lexicon.
                // A pair whose members share two characters apart is a maxim's template (有X必Y).
                let pair = b - a == 2 && t[ms[a].upperBound] == "、" && ms[a + 1].count <= 4 && !Self.isMaximPair(t, r)
                if !pair { out.append(r) }
                a = b
            } else { a += 1 }
        }
        return out
    }

    /// Two 、-joined four-character members sharing two characters, not next to each other, at
    /// the same places (有案必立、有诉必理) rather than a word (责任到人、措施到位).
    static func isMaximPair(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        guard r.count == 9, t[r.lowerBound + 4] == "、" else { return false }
        let shared = (0..<4).filter { t[r.lowerBound + $0] == t[r.lowerBound + 5 + $0] }
        return shared.count == 2 && shared[1] - shared[0] >= 2
    }

    /// The span of `run` if it is a parallel formula once its first member loses a leading
    /// verb and its last member a trailing tail.
    func templateRun(_ t: [Unicode.Scalar], _ run: ArraySlice<Range<Int>>) -> Range<Int>? {
        guard run.count >= 2 else { return nil }
        let second = run[run.startIndex + 1]
        if run.count == 2 {
            // Two members: the width is unknown when both carry extra words; try the widest first.
            let top = min(8, run.first!.count, second.count)
            guard top >= 3 else { return nil }
            for n in stride(from: top, through: 3, by: -1) {
                if let r = templateRun(t, run, width: n) { return r }
            }
            return nil
        }
        return templateRun(t, run, width: second.count)
    }

    /// The cheap necessary conditions of `templateRun(_:_:width:)` on the slice, so that most
    /// runs are rejected before they are copied into an array.
    func templateRun(_ t: [Unicode.Scalar], _ run: ArraySlice<Range<Int>>, width n: Int) -> Range<Int>? {
        // Index loops, not closures: the nested closures retained `run` and `t` at every step.
        let lo = run.startIndex, hi = run.endIndex - 1
        guard n >= 3, n <= 8 else { return nil }
        for j in run.indices.dropFirst().dropLast() where run[j].count != n { return nil }
        guard run[lo].count >= n, run[hi].count >= n, run[lo].count - n <= 4 else { return nil }
        // Some position must hold the same character in every member (as `sharesTemplate`
        // requires); members after the first start where they start, the first is trimmed.
        let first = run[lo].upperBound - n
        var k = 0
        column: while k < n {
            for j in (lo + 1)...hi where t[run[j].lowerBound + k] != t[first + k] { k += 1; continue column }
            break
        }
        guard k < n else { return nil }
        return templateRun(t, Array(run), width: n)
    }

    func templateRun(_ t: [Unicode.Scalar], _ run: [Range<Int>], width n: Int) -> Range<Int>? {
        guard n >= 3, n <= 8, run.dropFirst().dropLast().allSatisfy({ $0.count == n }) else { return nil }
        guard run[0].count >= n, run[run.count - 1].count >= n, run[0].count - n <= 4 else { return nil }
        let first = (run[0].upperBound - n)..<run[0].upperBound
        // A trimmed lead must end in a word (坚持|人民至上, 做到了|…), not cut one (北京安贞医|院顺义院区).
        if first.lowerBound - run[0].lowerBound >= 2, !commonWords.isEmpty, !Self.leadEnds.contains(t[first.lowerBound - 1]),
           commonWords[t.string((first.lowerBound - 2)..<first.lowerBound)] == nil { return nil }
        let last = run[run.count - 1].lowerBound..<(run[run.count - 1].lowerBound + n)
        var ms = run
        ms[0] = first
        ms[ms.count - 1] = last
        guard ms.allSatisfy({ m in t[m].allSatisfy(Chars.isHan) }) else { return nil }
        guard Self.sharesTemplate(t, ms) else { return nil }
        // Require a strong template for unquoted lists: two shared positions, or a shared
        // non-final character (白天见警察、夜间见警灯), or ≥3 members sharing the tail.
        var sharedPositions: [Int] = []
        for k in 0..<n where ms.allSatisfy({ t[$0.lowerBound + k] == t[ms[0].lowerBound + k] }) { sharedPositions.append(k) }
        // Unquoted lists need a shared inner character (白天见警察、夜间见警灯; 抓小防扩大、抓早防升级),
        // not only a shared head or tail, which noun lists have (问题清单、责任清单), and must not be
        // near-copies (第一时间上报，第一时间解决) or comparatives (更安心、更放心).
        // Positions of the shared tail block (…场所, …导向) do not count as inner.
        var tail = n
        while tail > 0, sharedPositions.contains(tail - 1) { tail -= 1 }
        var head = 0
        while head < n, sharedPositions.contains(head) { head += 1 }
        let innerShared = sharedPositions.filter { $0 >= head && $0 < tail }
        // Clauses joined by ， are sentences more often than formulas: short members with two
        // shared inner characters only (大事不出镇，小事不出村).
        let commaJoined = run.dropLast().contains { m in m.upperBound < t.count && (t[m.upperBound] == "，" || t[m.upperBound] == ",") }
        if commaJoined && ((n > 5 && ms.count < 3) || innerShared.count < 2) { return nil }
        // Long 、-joined members sharing a character are descriptive (基层党建有力、民生服务有效).
        if !commaJoined && n >= 6 { return nil }

        guard !innerShared.isEmpty, sharedPositions.count <= n - 2 || n <= 4 && sharedPositions.count <= n - 2 else { return nil }
        if innerShared.allSatisfy({ ["更", "的", "得", "和", "与", "加", "了", "最", "越", "较"].contains(t[ms[0].lowerBound + $0]) }) { return nil }
        // A longer last member is whole when it ends like the others (办事依法、遇事找法、解决问题用法);
        // otherwise it is trimmed only before 的.
        let lastMember = run[run.count - 1]
        if lastMember.count > n {
            let final = t[first.upperBound - 1]
            if ms.dropLast().allSatisfy({ t[$0.upperBound - 1] == final }) {
                for e in stride(from: last.upperBound, through: min(lastMember.upperBound, lastMember.lowerBound + n + 3), by: 1) where t[e - 1] == final {
                    return first.lowerBound..<e
                }
            }
            if t[last.upperBound] != "的" { return nil }
        }
        return first.lowerBound..<last.upperBound
    }

}

extension QuoteClass {
    var range: Range<Int>? { if case .coinage(let r) = self { return r } else { return nil } }
    var isCoinage: Bool { range != nil }
}

extension SloganRules {
    /// A quote followed by a generic head, or numbered: evidence strong enough to carry the
    /// quotes chained before it.
    public func isStrongCoinage(_ t: [Unicode.Scalar], open: Int, close: Int, bounds: Range<Int>) -> Bool {
        let next = close + 1
        return next < bounds.upperBound && t.prefixMatch(Self.heads, at: next) != nil
    }
}
