// What a number measures, as written in its sentence: the counted noun after a classifier
// (2671个摄像头 → 摄像头) or the indicator before the figure (调处矛盾纠纷成功率99.2% → 调处矛盾纠纷成功率).
import ZhituCore

public enum SubjectAttacher {
    static let clauseBreaks: Set<Unicode.Scalar> = ["，", "。", "；", "：", "！", "？", ",", ";", ":", "、", "（", "）", "(", ")",
                                                     "“", "”", "‘", "’", "《", "》", "\n", " ", "—"]
    /// Words that end the phrase before a figure and are not part of what is measured.
    static let trailingWords: [String] = [
        "比上年", "同比", "累计", "共计", "合计", "总计", "达到", "超过", "突破", "保持", "实现", "完成", "提高", "增长",
        "下降", "上升", "增加", "减少", "提升", "分别", "均", "达", "为", "是", "共", "约", "近", "超", "逾", "有", "占",
        "在", "以", "已", "了", "到", "至", "稳定", "持续", "连续", "全年", "始终", "稳定在", "保持在", "控制在", "等", "年均", "平均", "每年", "新增", "其中", "从", "由", "由原来", "比", "较", "不少于", "不低于", "不超过", "至少", "最多", "最高", "最低",
    ]
    /// Characters that stop the counted noun after a classifier.
    static let nounStops: Set<Unicode.Scalar> = ["的", "和", "与", "及", "等", "中", "为", "是", "在", "以", "共", "均", "里", "内", "上", "下", "次"]
    static let leadingWords: [String] = ["其中", "全年", "全市", "全省", "目前", "截至目前", "累计", "共", "今年", "去年", "此外", "同时", "并", "共有", "有", "全区", "全县", "全州", "全国", "为"]

    /// Verbs that open the phrase before a figure: the subject is what follows the last one
    /// (破获刑事案件3818起 → 刑事案件).
    static let verbs: [[Unicode.Scalar]] = [
        "破获", "查处", "侦破", "抓获", "安装", "打造", "建立", "建成", "建设", "组建", "组成", "获评", "受理", "接听", "节约",
        "开展", "确定", "排查", "化解", "调处", "办理", "办结", "培育", "培训", "选树", "选派", "招募", "招聘", "吸纳", "帮助",
        "解决", "收集", "推出", "设立", "新建", "改造", "投入", "投资", "发放", "拨付", "救助", "慰问", "走访", "服务", "惠及",
        "覆盖", "引进", "签约", "落地", "开工", "竣工", "完成", "实现", "达到", "提供", "发布", "出台", "制定", "召开", "举办",
        "捧得", "荣获", "获得", "接待", "转移", "带动", "减少", "增加", "新增", "累计", "共有", "拥有", "涉及", "处理", "督办",
    ].map { Array($0.unicodeScalars) }
    static let indicatorSuffixes: [[Unicode.Scalar]] = ["率", "比重", "比例", "总额", "总量", "产量", "就业", "收入", "值", "额", "量", "数", "贡献率", "面积", "规模"]
        .map { Array($0.unicodeScalars) }
    /// Words that end the counted noun after a classifier (2个小区提供服务 → 小区).
    static let nounEndVerbs: [[Unicode.Scalar]] = [
        "提供", "精简", "落实", "铺开", "全面", "陆续", "入住", "实现", "开展", "参与", "参加", "完成", "获得", "建立", "进行",
        "已", "均", "全部", "共", "被", "将", "正在", "先后", "分别", "作为",
    ].map { Array($0.unicodeScalars) }

    static let trailingScalars: [[Unicode.Scalar]] = trailingWords.map { Array($0.unicodeScalars) }
    static let leadingScalars: [[Unicode.Scalar]] = leadingWords.map { Array($0.unicodeScalars) }

    static func hasSuffix(_ s: ArraySlice<Unicode.Scalar>, _ ws: [Unicode.Scalar]) -> Bool {
        guard s.count >= ws.count else { return false }
        return s.suffix(ws.count).elementsEqual(ws)
    }
    static func hasPrefix(_ s: ArraySlice<Unicode.Scalar>, _ ws: [Unicode.Scalar]) -> Bool {
        guard s.count > ws.count else { return false }
        return s.prefix(ws.count).elementsEqual(ws)
    }

    /// The subject of mention `m` in sentence `lower..<upper`, or nil when none is stated.
    /// `floor` is where the phrase before the figure may start (after the previous number).
    public static func subject(_ doc: Document, _ m: NumberMention, _ lower: Int, _ upper: Int, floor: Int? = nil) -> String? {
        if m.numtype == "date" || m.numtype == "ordinal" { return nil }
        if m.unitClass == .time || m.unitClass == .age { return nil }
        let text = doc.text
        // A counted noun after a classifier (or after a bare multiplied amount).
        if m.unitClass == .count || m.unit == nil {
            var e = m.range.upperBound
            // skip a qualifier written after the unit (余, 多)
            if e < upper, text[e] == "余" || text[e] == "多" { e += 1 }
            var q = e
            while q < upper, q - e < 10, SubjectAttacher.isHan(text[q]), !nounStops.contains(text[q]) { q += 1 }
            var k = e + 1
            while k < q {
                if nounEndVerbs.contains(where: { w in k + w.count <= q && text[k..<(k + w.count)].elementsEqual(w) }) { q = k; break }
                k += 1
            }
            if q - e >= 1 {
                // End on a token boundary when the segmenter split there.
                let tokEnd = tokenBoundary(doc, before: q, after: e)
                let s = doc.string(e..<tokEnd)
                if !s.isEmpty && !(["余", "多", "以上", "左右"].contains(s)) { return s }
            }
        }
        // The phrase before the figure, back to the clause break.
        var s = m.range.lowerBound
        while s > lower, let _ = SubjectAttacher.leadingQualifier(text[s - 1]) { s -= 1 }
        let low = max(lower, floor ?? lower)
        var b = s
        while b > low, !clauseBreaks.contains(text[b - 1]), s - b < 24 { b -= 1 }
        var slice = text[b..<s]
        var changed = true
        while changed && !slice.isEmpty {
            changed = false
            for w in trailingScalars where hasSuffix(slice, w) {
                slice = slice.dropLast(w.count); changed = true; break
            }
        }
        changed = true
        while changed && !slice.isEmpty {
            changed = false
            for w in leadingScalars where hasPrefix(slice, w) {
                slice = slice.dropFirst(w.count); changed = true; break
            }
        }
        // Keep what follows the last verb (破获刑事案件 → 刑事案件), when something is left.
        var cut = slice.startIndex
        var k = slice.startIndex
        // An indicator (调处矛盾纠纷成功率, 城镇新增就业, 工业增加值) keeps its verbs.
        let indicator = indicatorSuffixes.contains { hasSuffix(slice, $0) }
        while !indicator && k < slice.endIndex {
            for w in verbs where k + w.count <= slice.endIndex - 2 && slice[k..<(k + w.count)].elementsEqual(w) { cut = k + w.count }
            k += 1
        }
        slice = slice[cut...]
        changed = true
        while changed && !slice.isEmpty {
            changed = false
            for w in leadingScalars where hasPrefix(slice, w) {
                slice = slice.dropFirst(w.count); changed = true; break
            }
        }
        guard slice.count >= 2, slice.allSatisfy({ isHan($0) || ($0.value < 128 && $0.properties.isAlphabetic) || ChineseNumeral.arabicDigit($0) != nil }) else { return nil }
        return String(scalars: slice.suffix(16))
    }

    static func leadingQualifier(_ u: Unicode.Scalar) -> Unicode.Scalar? {
        ["约", "近", "超", "逾"].contains(u) ? u : nil
    }

    @inline(__always) static func isHan(_ u: Unicode.Scalar) -> Bool {
        (u.value >= 0x4E00 && u.value <= 0x9FFF) || (u.value >= 0x3400 && u.value <= 0x4DBF)
    }

    /// The last token end in `after+1...q`, or `q` when tokens do not cover it.
    static func tokenBoundary(_ doc: Document, before q: Int, after e: Int) -> Int {
        guard let si = doc.sentenceIndex(at: e) else { return q }
        var best = q
        for t in doc.tokens(inSentence: si) {
            let ts = Int(t.start), te = Int(t.end)
            if ts < q && te > q { best = ts > e ? ts : q; break }
        }
        return best
    }
}
