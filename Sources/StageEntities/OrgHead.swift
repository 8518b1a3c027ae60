// What the organisation rules ask of a head noun (公安局, 有限公司 …), worked out once per head at
// start: String tests of Han text (==, hasSuffix, Set look-ups) normalise it, and they ran at every
// head found in the text and, in `orgStart`, at every step back from it.
struct OrgHead: Sendable {
    /// Scalars in the head.
    let length: Int
    /// 中心: a venue after a venue word (会议中心), not a body.
    let isCentre: Bool
    /// An organ word that stays in a title (村委会主任), `Words.keepWhole`.
    let staysInTitle: Bool
    /// Joins the body before it (政法委 + 办公室), `Words.orgExtensions`.
    let isExtension: Bool
    let isCooperative: Bool
    let isLimitedCompany: Bool
    /// How many characters may lie between the head and the place or prefix that starts the name.
    let maxGap: Int
    /// Takes a national prefix (国家 + 统计 + 局); 国家银行, 国家科学中心 are kinds of things.
    let takesNationalPrefix: Bool

    init(_ form: String) {
        length = form.unicodeScalars.count
        isCentre = form == "中心"
        staysInTitle = Words.keepWhole.contains(form)
        isExtension = Words.orgExtensions.contains(form)
        isCooperative = form.hasSuffix("合作社")
        isLimitedCompany = form.hasSuffix("有限公司")
        maxGap = form.hasSuffix("公司") || form == "集团" || isCooperative ? 8 : form == "委" ? 3 : 6
        takesNationalPrefix = length >= 2 && !Words.notNationalHeads.contains(form)
    }
}
