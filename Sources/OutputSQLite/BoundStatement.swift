// One cached statement of graph.sqlite's writer, its values bound through SQLite's C interface:
// GRDB's StatementArguments box every value in an existential and bind it by C string, which was
// most of the time spent on the rows (SQLite itself was a sixth of it).
import Foundation
import GRDB
import GRDBSQLite

struct BoundStatement {
    private let statement: Statement   // GRDB's cache keeps the sqlite3_stmt alive
    private let handle: OpaquePointer
    private var next: Int32 = 1

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    mutating func bind(_ value: Int) {
        sqlite3_bind_int64(handle, next, Int64(value))
        next += 1
    }

    mutating func bind(_ value: Int64) {
        sqlite3_bind_int64(handle, next, value)
        next += 1
    }

    mutating func bind(_ value: Int?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: Int64?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: String?) {
        if let value { bind(value) } else { bindNull() }
    }

    /// A text with every NUL replaced by U+2400 (␀): stored as GRDB stored it, which bound a C
    /// string and so ended the text at its first NUL ("a\u{0}b" became "a" and two such ids
    /// collided on a primary key).
    mutating func bind(_ value: String) {
        var value = value
        let bound = value.withUTF8 { bytes in
            if bytes.contains(0) { return false }
            bindUTF8(bytes)
            return true
        }
        if !bound { bind(Self.stored(value)) }
    }

    /// The text as `bind` stores it: every NUL replaced by U+2400.
    static func stored(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{2400}") : text
    }

    /// UTF-8 bytes without NUL as a text (copied by SQLite).
    mutating func bindUTF8(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no address, which SQLite would bind as NULL.
        let empty: StaticString = ""
        let base = bytes.isEmpty ? UnsafeRawPointer(empty.utf8Start) : UnsafeRawPointer(bytes.baseAddress!)
        sqlite3_bind_text(handle, next, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        next += 1
    }

    mutating func bindNull() {
        sqlite3_bind_null(handle, next)
        next += 1
    }

    /// Runs the statement once with the values bound since the last run.
    mutating func execute() throws {
        defer { reset() }
        let code = sqlite3_step(handle)
        if code != SQLITE_DONE && code != SQLITE_ROW { throw error(code) }
    }

    /// The first column of the first row, or nil when there is no row.
    mutating func fetchInt64() throws -> Int64? {
        defer { reset() }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return nil
        case let code: throw error(code)
        }
    }

    /// Steps through every row, handing `body` the row's statement (columns read with
    /// `sqlite3_column_*`), valid during the call only.
    mutating func forEachRow(_ body: (OpaquePointer) throws -> Void) throws {
        defer { reset() }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try body(handle)
            case SQLITE_DONE: return
            case let code: throw error(code)
            }
        }
    }

    private mutating func reset() {
        sqlite3_reset(handle)
        next = 1
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                      sql: statement.sql)
    }

    /// SQLITE_TRANSIENT, which Swift does not import: SQLite copies the value before returning.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
