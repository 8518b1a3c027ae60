// Full-text search in graph.sqlite: every sentence indexed by its ICU words, so a word of two
// or more characters (改革, 香港) is found, plus a trigram index for any longer string.
//
// The words are segmented here and stored space-joined, for FTS5's built-in unicode61
// tokenizer to read, rather than segmented by a custom FTS5 tokenizer at index time: a custom
// tokenizer lives only in the process that registered it, so sqlite3, pandas, DB Browser or
// DuckDB opening graph.sqlite could not query the index at all ("no such tokenizer"). Queries
// are plain words, which unicode61 reads as one token each, as the index does.
import CICU
import GRDB
import ZhituCore

enum SQLiteSearch {
    /// The index tables: `sentences_fts` (ICU words; rowid = sentences.id) and
    /// `sentences_trigram` (the sentence text itself, any 3 or more characters).
    static func create(_ db: Database) throws {
        // words: the sentence's ICU words; parts: every two adjacent ideographs, so a
        // two-character word is found however ICU cut it (a plain query searches both columns;
        // `words : 改革` only whole ICU words, `"改革 开放"` words in a row).
        try db.execute(sql: "CREATE VIRTUAL TABLE sentences_fts USING fts5(words, parts, tokenize='unicode61');")
        do {
            try db.execute(sql: "CREATE VIRTUAL TABLE sentences_trigram USING fts5(text, content='sentences', content_rowid='id', tokenize='trigram');")
        } catch {
            // SQLite before 3.34 has no trigram tokenizer: index characters one by one instead.
            try db.execute(sql: "CREATE VIRTUAL TABLE sentences_trigram USING fts5(text, content='sentences', content_rowid='id');")
        }
    }

    /// Fills both indexes from the `sentences` table.
    static func fill(_ db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO sentences_fts (rowid, words, parts) VALUES (?, ?, ?)")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, text FROM sentences ORDER BY id")
        var segmenter = WordSegmenter()
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let text: String = row[1]
            let words = try segmenter.words(text)
            try insert.execute(arguments: [id, words.joined(separator: " "), parts(of: text)])
        }
        try db.execute(sql: "INSERT INTO sentences_trigram(sentences_trigram) VALUES ('rebuild');")
    }

    /// Every two adjacent ideographs of `text`, space-separated (改革开放 → "改革 革开 开放"): ICU's
    /// dictionary splits some two-character words (三农 → 三 农) and joins others into longer
    /// words, and a word must be found in every sentence that holds it, as written. Built as
    /// one string: this runs on every sentence of the corpus.
    static func parts(of text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count * 2)
        var previous: Unicode.Scalar?
        for u in text.unicodeScalars {
            if isIdeograph(u) {
                if let p = previous {
                    if !out.isEmpty { out.unicodeScalars.append(" ") }
                    out.unicodeScalars.append(p)
                    out.unicodeScalars.append(u)
                }
                previous = u
            } else {
                previous = nil
            }
        }
        return out
    }

    /// Unicode's Ideographic property, answered without the property tables for the common
    /// CJK Unified Ideographs (U+4E00–U+9FEF, all ideographic since Unicode 11).
    static func isIdeograph(_ u: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FEF).contains(u.value) || (u.value >= 0x3000 && u.properties.isIdeographic)
    }
}

/// ICU's word break over a string: the words (letters, numbers, ideographs), without spaces
/// and punctuation. Buffers are kept between calls.
struct WordSegmenter {
    private var units: [UInt16] = []
    private var bounds: [Int32] = []
    private var statuses: [Int32] = []

    mutating func words(_ text: String) throws -> [String] {
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: text.utf16)
        let capacity = units.count + 1
        if bounds.count < capacity {
            bounds = [Int32](repeating: 0, count: capacity)
            statuses = bounds
        }
        let n = units.withUnsafeBufferPointer { u in
            zt_word_breaks(u.baseAddress, Int32(u.count), &bounds, &statuses, Int32(capacity))
        }
        if n < 0 { throw ICUError(code: -n - 1) }
        guard n > 1 else { return [] }
        var out: [String] = []
        for k in 1..<Int(n) {
            let a = Int(bounds[k - 1]), b = Int(bounds[k])
            let word = String(decoding: units[a..<b], as: UTF16.self)
            // Rule status 100 and above: number, letter, kana, ideograph; below: spaces and
            // punctuation, kept only when ICU gives no status but the piece is a letter.
            if statuses[k] >= 100 || word.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                out.append(word)
            }
        }
        return out
    }

    struct ICUError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "graph.sqlite: ICU word break failed (error \(code)); full-text search cannot be built" }
    }
}
