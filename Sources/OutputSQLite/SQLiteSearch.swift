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
import GRDBSQLite
import ZhituCore

enum SQLiteSearch {
    /// The two index tables: `sentences_fts` (ICU words; rowid = sentences.id) and
    /// `sentences_trigram` (the sentence text itself, any 3 or more characters).
    enum Index: CaseIterable {
        case words, trigram

        /// The table, its shadow tables named `<table>_<part>` (FTS5's own names).
        var table: String { self == .words ? "sentences_fts" : "sentences_trigram" }

        func create(_ db: Database) throws {
            switch self {
            case .words:
                // words: the sentence's ICU words; parts: every two adjacent ideographs, so a
                // two-character word is found however ICU cut it (a plain query searches both
                // columns; `words : 改革` only whole ICU words, `"改革 开放"` words in a row).
                // Contentless: the columns are only indexed, not stored (the sentence's text is in
                // `sentences`). Stored, they were the file's largest table (a fifth of its bytes).
                try db.execute(sql: "CREATE VIRTUAL TABLE sentences_fts USING fts5(words, parts, content='', tokenize='unicode61');")
            case .trigram:
                do {
                    try db.execute(sql: "CREATE VIRTUAL TABLE sentences_trigram USING fts5(text, content='sentences', content_rowid='id', tokenize='trigram');")
                } catch {
                    // SQLite before 3.34 has no trigram tokenizer: index characters one by one instead.
                    try db.execute(sql: "CREATE VIRTUAL TABLE sentences_trigram USING fts5(text, content='sentences', content_rowid='id');")
                }
            }
        }
    }

    /// Indexes the rows of `sentences` numbered after `first` (SearchPrebuild indexed the others),
    /// creating both index tables first with `create`.
    static func fill(_ db: Database, after first: Int64, create: Bool) throws {
        if create { for index in Index.allCases { try index.create(db) } }
        var words = try SearchIndexer(db, .words), trigrams = try SearchIndexer(db, .trigram)
        var rows = try BoundStatement(db, "SELECT id, text FROM sentences WHERE id > ? ORDER BY id")
        rows.bind(first)
        try rows.forEachRow { row in
            let id = sqlite3_column_int64(row, 0)
            let text = UnsafeBufferPointer(start: sqlite3_column_text(row, 1), count: Int(sqlite3_column_bytes(row, 1)))
            try words.add(id, text)
            try trigrams.add(id, text)
        }
    }

    /// Unicode's Ideographic property, answered without the property tables for the common
    /// CJK Unified Ideographs (U+4E00–U+9FEF, all ideographic since Unicode 11).
    static func isIdeograph(_ u: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FEF).contains(u.value) || (u.value >= 0x3000 && u.properties.isIdeographic)
    }
}

/// Adds sentences to one index table. Each text is read as UTF-8 and the words' two columns
/// are built as UTF-8 (no String per sentence or per word): this runs on every sentence of the
/// corpus. The trigram table's content is the `sentences` table (external content): only its
/// index is written here.
struct SearchIndexer {
    private var insert: BoundStatement
    private var columns: SearchColumns?

    init(_ db: Database, _ index: SQLiteSearch.Index) throws {
        switch index {
        case .words:
            insert = try BoundStatement(db, "INSERT INTO sentences_fts (rowid, words, parts) VALUES (?, ?, ?)")
            columns = SearchColumns()
        case .trigram:
            insert = try BoundStatement(db, "INSERT INTO sentences_trigram (rowid, text) VALUES (?, ?)")
        }
    }

    /// Adds a sentence to the words index whose two columns were made elsewhere (SearchPrebuild
    /// makes them on another thread).
    mutating func add(_ id: Int64, words: [UInt8], parts: [UInt8]) throws {
        insert.bind(id)
        words.withUnsafeBufferPointer { insert.bindUTF8($0) }
        parts.withUnsafeBufferPointer { insert.bindUTF8($0) }
        try insert.execute()
    }

    mutating func add(_ id: Int64, _ text: UnsafeBufferPointer<UInt8>) throws {
        insert.bind(id)
        if columns != nil {
            try columns!.read(text)
            columns!.words.withUnsafeBufferPointer { insert.bindUTF8($0) }
            columns!.parts.withUnsafeBufferPointer { insert.bindUTF8($0) }
        } else {
            insert.bindUTF8(text)
        }
        try insert.execute()
    }
}

/// The two indexed columns of one sentence, as UTF-8, from its UTF-8 text. Buffers are kept
/// between sentences.
struct SearchColumns {
    /// ICU's words (letters, numbers, ideographs), space-joined, without spaces and punctuation.
    private(set) var words: [UInt8] = []
    /// Every two adjacent ideographs, space-separated (改革开放 → "改革 革开 开放"): ICU's
    /// dictionary splits some two-character words (三农 → 三 农) and joins others into longer
    /// words, and a word must be found in every sentence that holds it, as written.
    private(set) var parts: [UInt8] = []

    private var units: [UInt16] = []      // the text in UTF-16, for ICU
    private var offsets: [Int32] = []     // UTF-8 offset of each UTF-16 unit, and of the end
    private var bounds: [Int32] = []
    private var statuses: [Int32] = []

    mutating func read(_ text: UnsafeBufferPointer<UInt8>) throws {
        units.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        parts.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
        var previous = -1   // UTF-8 offset of the previous scalar when it is an ideograph
        var i = 0
        while i < text.count {
            let (u, n) = Self.scalar(text, at: i)
            if SQLiteSearch.isIdeograph(u) {
                if previous >= 0 {
                    if !parts.isEmpty { parts.append(0x20) }
                    parts.append(contentsOf: UnsafeBufferPointer(rebasing: text[previous..<(i + n)]))
                }
                previous = i
            } else {
                previous = -1
            }
            if u.value > 0xFFFF {
                units.append(UTF16.leadSurrogate(u)); units.append(UTF16.trailSurrogate(u))
                offsets.append(Int32(i)); offsets.append(Int32(i))
            } else {
                units.append(UInt16(u.value))
                offsets.append(Int32(i))
            }
            i += n
        }
        offsets.append(Int32(text.count))
        try breakWords(text)
    }

    private mutating func breakWords(_ text: UnsafeBufferPointer<UInt8>) throws {
        let capacity = units.count + 1
        if bounds.count < capacity {
            bounds = [Int32](repeating: 0, count: capacity)
            statuses = bounds
        }
        let n = units.withUnsafeBufferPointer { u in
            zt_word_breaks(u.baseAddress, Int32(u.count), &bounds, &statuses, Int32(capacity))
        }
        if n < 0 { throw ICUError(code: -n - 1) }
        guard n > 1 else { return }
        for k in 1..<Int(n) {
            let word = UnsafeBufferPointer(rebasing: text[Int(offsets[Int(bounds[k - 1])])..<Int(offsets[Int(bounds[k])])])
            // Rule status 100 and above: number, letter, kana, ideograph; below: spaces and
            // punctuation, kept only when ICU gives no status but the piece is a letter.
            if statuses[k] >= 100 || Self.holdsLetterOrNumber(word) {
                if !words.isEmpty { words.append(0x20) }
                words.append(contentsOf: word)
            }
        }
    }

    private static func holdsLetterOrNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let (u, n) = scalar(bytes, at: i)
            if u.properties.isAlphabetic || u.properties.numericType != nil { return true }
            i += n
        }
        return false
    }

    /// The scalar at `i` of valid UTF-8 (SQLite returns the text as Swift wrote it) and its
    /// length in bytes; a malformed byte reads as U+FFFD.
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0
        guard n > 0, i + n <= b.count else { return ("\u{FFFD}", 1) }
        var v = b0 & (0x7F >> UInt32(n))
        for k in 1..<n { v = v << 6 | (UInt32(b[i + k]) & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", n)
    }

    struct ICUError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "graph.sqlite: ICU word break failed (error \(code)); full-text search cannot be built" }
    }
}
