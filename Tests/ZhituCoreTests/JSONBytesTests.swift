// The records file's byte encoder writes the text the String writer wrote: the same escapes
// (quotes, backslashes, control characters, U+2028/U+2029), non-ASCII and non-BMP text as is,
// and records that read back to what was written.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct JSONBytesTests {
    static let awkward = [
        "", "平常的句子", "他说\"好\"", "a\\b", "行一\n行二\r\n\t缩进", "\u{01}\u{1F}\u{7F}",
        "段\u{2028}落\u{2029}尾", "\u{2026}省略\u{2030}", "𠀋𪚥😀 非基本平面", "尾\u{E2}", "\u{0}",
    ]

    @Test func quotesAsTheStringWriterDoes() {
        for s in Self.awkward {
            var out: [UInt8] = []
            JSONBytes.appendQuoted(s, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == JSONWriter.quote(s), "\(s.debugDescription)")
        }
    }

    @Test func numbersAsTheStringWriterDoes() {
        for n in [0, 7, 10, 99, 12345, -1, -40, Int.max, Int.min] {
            var w = JSONBytes()
            w.beginObject(); w.field("n", n); w.endObject()
            #expect(String(decoding: w.bytes, as: UTF8.self) == "{\"n\":\(n)}")
        }
        for d in [0.0, 3.0, -2.0, 1.5, 0.1, 1e20, -7.25] {
            var w = JSONBytes()
            w.beginObject(); w.field("v", d); w.endObject()
            var s = JSONWriter()
            s.beginObject(); s.field("v", d); s.endObject()
            #expect(String(decoding: w.bytes, as: UTF8.self) == s.text)
        }
    }

    @Test func recordsWithAwkwardTextReadBack() throws {
        var records: [Annotation] = []
        for (i, s) in Self.awkward.enumerated() where !s.isEmpty {
            var a = Annotation(kind: .entity, type: "ORG", text: s, start: i, end: i + 1)
            a.canonical = s + "全称"
            records.append(a)
        }
        var n = Annotation(kind: .number, text: "约3.5万", start: 0, end: 5)
        n.numtype = "quantity"; n.value = .number(35000); n.qualifier = "约"; n.sentence = 0
        records.append(n)
        let doc = DocumentResult(id: "d\"1", path: "/tmp/a\tb.txt", meta: DocumentMeta(date: "2024-01-02", title: "题\u{2028}目"),
                                 characters: 42, records: records,
                                 sentences: [0: EvidenceSentence(text: "第一句\n𠀋", start: 0, end: 5), 3: EvidenceSentence(text: "x", start: 9, end: 10)])
        let text = RecordCodec.lines(doc)
        let back = try RecordCodec.read(Data(text.utf8), file: "t.jsonl")
        #expect(back.count == 1)
        #expect(back[0].records == doc.records)
        #expect(back[0].sentences == doc.sentences)
        #expect(back[0].meta == doc.meta)
        #expect(back[0].path == doc.path)
        // written in pieces, the same bytes
        var pieces = ""
        RecordCodec.write(doc, chunk: 64) { pieces += $0 }
        #expect(pieces == text)
    }
}
