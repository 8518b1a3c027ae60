import Foundation
import StageNER
import StageSegment
import ZhituCore

/// A one-document fixture: `sentences` joined, each a sentence, segmented like the pipeline does (ICU only).
func segmentedDocument(_ sentences: [String]) throws -> Document {
    var doc = Document(id: "t", path: "t.txt", bytes: [])
    var text: [Unicode.Scalar] = []
    var spans: [Sentence] = []
    for s in sentences {
        let start = text.count
        text += s.unicodeScalars
        spans.append(Sentence(start: start, end: text.count))
    }
    doc.original = text
    doc.resetText()
    doc.sentences = spans
    try SegmentStage(words: []).process(&doc)
    return doc
}

/// Tagger input for one sentence, segmented by ICU.
func taggerInput(_ sentence: String) throws -> TaggerInput {
    let doc = try segmentedDocument([sentence])
    return TaggerInput(text: doc.text[...], tokens: doc.tokens.map { $0.range })
}

/// Training sentence with the spans of `entities` (text, type) found in `sentence`.
func tagged(_ sentence: String, _ entities: [(String, String)]) throws -> TaggedSentence {
    let input = try taggerInput(sentence)
    let chars = Array(sentence.unicodeScalars)
    var spans: [(type: Int, range: Range<Int>)] = []
    for (text, type) in entities {
        let e = Array(text.unicodeScalars)
        guard let at = (0...(chars.count - e.count)).first(where: { Array(chars[$0..<($0 + e.count)]) == e }) else { continue }
        spans.append((Tags.types.firstIndex(of: type)!, at..<(at + e.count)))
    }
    return TaggedSentence(input: input, tags: Tags.encode(spans, length: chars.count))
}
