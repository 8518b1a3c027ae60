// graph.sqlite's two full-text indexes built apart, on more threads when the run has them (one
// per index, and one making the words index's columns), while the writer fills the rows: the
// indexes are over half of the file's cost and one SQLite connection writes on one thread only,
// so built in place they kept a second core idle at the end of every full run.
//
// Each index is built in a file of its own beside the database, from the run's sentences
// numbered as the `sentences` table numbers them (SQLiteWriter.sentenceRows), then its FTS5
// shadow tables are copied into the database by a second connection: the FTS5 tables are made
// there and filled before the writer's connection first opens them, so that connection never
// holds an index structure from before the copy. On one thread the same files are built one
// after the other, so that graph.sqlite has the same bytes whatever `--jobs` is.
import Foundation
import GRDB
import ZhituCore

final class SearchPrebuild: @unchecked Sendable {   // `results` is behind `lock`
    private let files: [(index: SQLiteSearch.Index, path: String)]
    private let documents: DocumentResults
    private let concurrently: Bool
    private var results: [Result<Int64, any Error>?]
    private let lock = NSLock()
    private let done = DispatchGroup()

    /// The documents' characters below which the indexes are built in place: two files and a
    /// second connection cost about 10 ms, a sixth of a run on one 2 KB article; indexing
    /// takes about 2.6 µs a character, so 20,000 take about 50 ms.
    static let minimumCharacters = 20_000

    /// Starts building both indexes of `documents`' sentences in files beside `path`, on a
    /// thread each when `concurrently`, else when `adopt` needs them.
    init(_ documents: DocumentResults, beside path: String, concurrently: Bool) {
        self.documents = documents
        self.concurrently = concurrently
        files = SQLiteSearch.Index.allCases.map { ($0, "\(path).\($0.table)") }
        results = Array(repeating: nil, count: files.count)
        for f in files { try? FileManager.default.removeItem(atPath: f.path) }
        guard concurrently else { return }
        for i in files.indices {
            done.enter()
            let t = Thread { [self] in
                build(i)
                done.leave()
            }
            t.stackSize = 8 << 20
            t.start()
        }
    }

    /// Builds file `i` (once).
    private func build(_ i: Int) {
        guard lock.withLock({ results[i] == nil }) else { return }
        let f = files[i]
        let result = Result { try Self.build(f.index, documents, at: f.path, split: concurrently) }
        lock.withLock { results[i] = result }
    }

    /// Waits for the builds and removes their files (after a failure elsewhere).
    func finish() {
        done.wait()
        remove()
    }

    /// Waits for both builds, then copies them into the database at `path` (whose rows are
    /// committed and which has no search tables yet). Returns how many sentences they index:
    /// ids 1 through that number; `expected` is how many the rows gave the documents' sentences.
    func adopt(into path: String, expected: Int64) throws -> Int64 {
        done.wait()
        defer { remove() }
        for i in files.indices { build(i) }   // those not built on threads
        var count: Int64?
        for r in lock.withLock({ results }) {
            let n = try r!.get()
            guard n == expected, count == nil || count == n else {
                throw SearchPrebuildMismatch(indexed: n, rows: expected)
            }
            count = n
        }
        var config = Configuration()
        config.foreignKeysEnabled = false
        let db = try DatabaseQueue(path: path, configuration: config)
        try db.writeWithoutTransaction { db in
            for (i, f) in files.enumerated() { try db.execute(sql: "ATTACH DATABASE ? AS built\(i)", arguments: [f.path]) }
            try db.inTransaction {
                for (i, f) in files.enumerated() {
                    try f.index.create(db)
                    // FTS5's shadow tables (data, idx, docsize, config, content): every table of
                    // the built file but the virtual table itself.
                    let parts = try String.fetchAll(db, sql: "SELECT name FROM built\(i).sqlite_master WHERE type = 'table' AND name GLOB ? AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                                    arguments: [f.index.table + "_*"])
                    for part in parts {
                        let name = part.replacingOccurrences(of: "\"", with: "\"\"")
                        try db.execute(sql: "DELETE FROM main.\"\(name)\"; INSERT INTO main.\"\(name)\" SELECT * FROM built\(i).\"\(name)\";")
                    }
                }
                return .commit
            }
            for i in files.indices { try db.execute(sql: "DETACH DATABASE built\(i)") }
        }
        try db.close()
        return count ?? 0
    }

    private func remove() {
        for f in files { try? FileManager.default.removeItem(atPath: f.path) }
    }

    /// One index of the documents' sentences in a new file at `path`; returns the number of
    /// rows. With `split`, the words' columns are made on one more thread.
    private static func build(_ index: SQLiteSearch.Index, _ documents: DocumentResults, at path: String, split: Bool) throws -> Int64 {
        let db = try DatabaseQueue(path: path)
        var count: Int64 = 0
        try db.writeWithoutTransaction { db in
            // A scratch file, deleted once copied: no journal, no fsync. FTS5 appends its
            // segments, so a small page cache does (two more 64 MB caches beside the writer's
            // raised the peak memory of a full run).
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -8192;")
            try db.inTransaction {
                try index.create(db)
                var indexer = try SearchIndexer(db, index)
                if split && index == .words {
                    count = try insertColumnsMadeBeside(documents, &indexer)
                } else {
                    count = try forEachSentence(documents) { id, text in try indexer.add(id, text) }
                }
                return .commit
            }
        }
        try db.close()
        return count
    }

    /// Calls `body` with each sentence row of `documents`, numbered from 1, and its text as the
    /// `sentences` table stores it; returns the number of rows.
    private static func forEachSentence(_ documents: DocumentResults, _ body: (Int64, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int64 {
        var id: Int64 = 0
        for d in documents {
            try SQLiteWriter.sentenceRows(d) { _, sentence, first in
                guard first == nil else { return }
                id += 1
                var text = BoundStatement.stored(sentence.text)
                try text.withUTF8 { try body(id, $0) }
            }
        }
        return id
    }

    /// The words index with its columns (ICU's word break and the ideograph pairs, about half of
    /// its cost) made on another thread while this one inserts them: otherwise the longest
    /// single thread of a full run.
    private static func insertColumnsMadeBeside(_ documents: DocumentResults, _ indexer: inout SearchIndexer) throws -> Int64 {
        try Handoff<[ColumnsRow]>.pipe(capacity: 8, produce: { send in
            var columns = SearchColumns(), batch: [ColumnsRow] = []
            let n = try forEachSentence(documents) { id, text in
                try columns.read(text)
                batch.append(ColumnsRow(id: id, words: columns.words, parts: columns.parts))
                if batch.count == 256 {
                    try send(batch)
                    batch = []
                }
            }
            if !batch.isEmpty { try send(batch) }
            return n
        }, consume: { batch in
            for r in batch { try indexer.add(r.id, words: r.words, parts: r.parts) }
        })
    }

    /// One sentence's words columns, made on the other thread.
    private struct ColumnsRow {
        var id: Int64
        var words: [UInt8], parts: [UInt8]
    }
}

/// The two numberings of the run's sentences disagree: a fault of this program, reported
/// rather than written as a search index that points at the wrong sentences.
struct SearchPrebuildMismatch: Error, CustomStringConvertible {
    var indexed: Int64, rows: Int64
    var description: String {
        "graph.sqlite: the search index numbered \(indexed) sentences but the sentences table \(rows); please report this"
    }
}
