import Testing
@testable import StageTerms
import ZhituCore

private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

@Test func wordTableFindsWholeWordsOnlyWithTheirValues() {
    let table = WordTable([(word: "社会", value: 50), (word: "社会治理", value: 7)])
    let t = scalars("推进社会治理")
    #expect(table.value(t, 2..<4) == 50)
    #expect(table.value(t, 2..<6) == 7)
    #expect(table.value(t, 2..<5) == nil)
    #expect(table.value(t, 3..<5) == nil)
}

@Test func wordTableMatchesAsStringsCompare() {
    // U+F900 is a compatibility ideograph canonically equal to U+8C48: as Strings they are
    // equal, and the table, which holds decompositions, agrees.
    #expect("\u{F900}" == "\u{8C48}")
    let table = WordTable(words: ["\u{F900}仁"])
    #expect(table.contains(scalars("\u{8C48}仁"), 0..<2))
    #expect(Unicode.Scalar(0x8C48)!.isPlain && !Unicode.Scalar(0xF900)!.isPlain)
}
