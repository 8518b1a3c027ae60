import Testing
@testable import StageEntities

@Suite struct PhraseTests {
    let text = Array("甲子山村e\u{301}村".unicodeScalars)

    @Test func plainTextComparesLikeStrings() {
        let p = Phrase(text, 0..<4)
        #expect(p.hasPrefix("甲子") && p.hasSuffix("山村") && p.equals("甲子山村"))
        #expect(!p.hasSuffix("子山") && !p.equals("甲子山"))
    }

    @Test func otherTextFallsBackToStringComparison() {
        // é written as e + combining acute equals the precomposed é as a String.
        let p = Phrase(text, 4..<7)
        #expect(p.hasPrefix("\u{E9}") && p.equals("\u{E9}村"))
    }

    @Test func tokenSpansAnswerMembership() {
        let spans = TokenSpans([2 << 32 | 4, 0 << 32 | 2, 4 << 32 | 7])
        #expect(spans.contains(0 << 32 | 2) && spans.contains(4 << 32 | 7))
        #expect(!spans.contains(0 << 32 | 4))
    }

    @Test func scalarsToString() {
        #expect(text.string(0..<4) == "甲子山村")
        #expect(text.string(4..<7) == "e\u{301}村")
    }
}
