// Full-text search in graph.sqlite: every sentence of every document, a word of two characters
// found in each sentence that holds it, whatever ICU made of it; the example queries of docs/OUTPUTS.md.
import Foundation
import Testing
@testable import ZhituCore
@testable import OutputSQLite

@Suite struct SQLiteSearchTests {
    /// Invented sentences: 改革 alone, inside 改革开放 / 深化改革, 香港 beside other words,
    /// and 三农, which ICU's dictionary splits into 三 and 农.
    static let sentences = [
        "今年全面深化改革取得新进展。",
        "改革开放以来，这座城市变化很大。",
        "代表团从香港出发，前往澳门考察。",
        "会议强调，要持续抓好三农工作。",
        "这一句话没有任何记录。",
        "他说：改革，是最大的红利；香港同胞也这样说。",
    ]

    /// One document whose records cite only the first sentence: the others are uncited.
    static func document(_ doc: Document) -> DocumentResult { DocumentResult(doc) }

    static var output: RunOutput {
        var doc = document("s1", sentences)
        var a = Annotation(kind: .term, type: nil, text: "深化改革", start: 4, end: 8)
        a.sentence = 0
        doc.annotations = [a]
        return RunOutput(name: "search", documents: [DocumentResult(doc)])
    }

    /// A document of `sentences`, one after another, and an empty sentence at the end (which
    /// holds nothing to find).
    static func document(_ id: String, _ sentences: [String]) -> Document {
        var doc = Document(id: id, path: "\(id).txt", bytes: [])
        doc.original = Array(sentences.joined().unicodeScalars)
        doc.resetText()
        var at = 0
        for s in sentences {
            let n = s.unicodeScalars.count
            doc.sentences.append(Sentence(start: at, end: at + n))
            at += n
        }
        doc.sentences.append(Sentence(start: at, end: at))
        return doc
    }

    @Test func everyNonBlankSentenceIsKept() {
        var doc = Document(id: "k", path: "k.txt", bytes: [])
        doc.original = Array("第一句。 \n第三句。".unicodeScalars)
        doc.resetText()
        doc.sentences = [Sentence(start: 0, end: 4), Sentence(start: 4, end: 6), Sentence(start: 6, end: 10)]
        let r = DocumentResult(doc)   // no records at all
        #expect(r.sentences.keys.sorted() == [0, 2])
        #expect(r.sentences[2] == EvidenceSentence(text: "第三句。", start: 6, end: 10))
    }

    /// The two columns of `text`, as the writer builds them from SQLite's UTF-8.
    static func columns(_ text: String) throws -> (words: String, parts: String) {
        var c = SearchColumns(), t = text
        try t.withUTF8 { try c.read($0) }
        return (String(decoding: c.words, as: UTF8.self), String(decoding: c.parts, as: UTF8.self))
    }

    @Test func icuWordsAndTwoCharacterParts() throws {
        let words = try Self.columns("代表团从香港出发。").words.split(separator: " ")
        #expect(words.contains("香港"))
        #expect(!words.contains("。"))
        #expect(try Self.columns("三农，A改革").parts == "三农 改革")
        // words keep letters and numbers of every script, in UTF-8 as written (a scalar outside the BMP too)
        #expect(try Self.columns("Ⅻ号 é𠀀 2024年，ok！").words.split(separator: " ").joined() == "Ⅻ号é𠀀2024年ok")
        // the same pairs as Unicode's Ideographic property gives (the writer skips its tables for common hanzi)
        func reference(_ text: String) -> String {
            var out: [String] = [], previous: Unicode.Scalar?
            for u in text.unicodeScalars {
                if u.properties.isIdeographic { if let p = previous { out.append(String(String.UnicodeScalarView([p, u]))) }; previous = u } else { previous = nil }
            }
            return out.joined(separator: " ")
        }
        for text in ["三农，A改革", "〇一二三", "𠀀𠀁丽", "", "ABC", "改革开放四十年，〆"] {
            #expect(try Self.columns(text).parts == reference(text))
        }
    }

    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func twoCharacterWordsAreFoundInEverySentence() throws {
        let folder = try write("sqlite", Self.output)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("graph.sqlite")
        func q(_ sql: String) throws -> [[String: Any]] { try SQLiteTests().query(db, sql) }
        #expect(try q("SELECT count(*) AS n FROM sentences;").first?["n"] as? Int == Self.sentences.count)
        for word in ["改革", "香港", "三农", "澳门", "开放"] {
            let expected = Self.sentences.filter { $0.contains(word) }
            let hits = try q("SELECT s.text FROM sentences_fts f JOIN sentences s ON s.id = f.rowid WHERE sentences_fts MATCH '\(word)' ORDER BY s.id;")
            #expect(hits.map { $0["text"] as! String } == expected, "\(word)")
        }
        // whole ICU words only, and two words in a row
        let words = try q("SELECT count(*) AS n FROM sentences_fts WHERE sentences_fts MATCH 'words : 香港';")
        #expect(words.first?["n"] as? Int == 2)
        // a longer string through the trigram index, as docs/OUTPUTS.md shows it
        let long = try q("SELECT s.text FROM sentences_trigram t JOIN sentences s ON s.id = t.rowid WHERE sentences_trigram MATCH '\"改革开放以来\"';")
        #expect(long.map { $0["text"] as! String } == [Self.sentences[1]])
        // the words index keeps no copy of its columns (they were a fifth of the file)
        #expect(try q("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sentences_fts_content';").first?["n"] as? Int == 0)
    }
}
