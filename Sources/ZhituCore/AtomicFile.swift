// Writing output files so that a failed run never leaves a half-written file in place.
import Foundation

/// Failures to read back a file this process wrote (records, graph spills) inside the
/// iterators writers go over, which cannot throw. The first is kept, and no output file is
/// committed after it: a failed read-back must not leave a short file that looks complete.
public enum ReadBack {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var first: Error?

    /// Records that `file` could not be read back.
    public static func fail(file: String, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        if first == nil { first = error as? ReadBackError ?? ReadBackError(file: file, reason: "\(error)") }
    }

    /// Throws the first read-back failure, if any.
    public static func check() throws {
        lock.lock(); defer { lock.unlock() }
        if let first { throw first }
    }
}

/// A file that could not be read back.
public struct ReadBackError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) { self.file = file; self.reason = reason }
    public var description: String { "\(file): cannot be read back (\(reason))" }
}

public enum AtomicFile {
    /// Streams a file: `body` writes to a temporary file beside `path`, which is renamed over
    /// `path` only when `body` returns. If `body` throws, `path` is untouched and the temporary
    /// file is removed.
    public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: tmp.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: tmp)
            do { try body(handle); try handle.close() } catch { try? handle.close(); throw error }
            try ReadBack.check()
            if rename(tmp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// A file written a piece at a time, while other files are open too (one per node type,
    /// say): text is buffered, and the file appears at `path` only on `commit()`; released
    /// without a commit, the temporary file is removed.
    public final class Output {
        public let path: String
        private let tmp: URL
        private var handle: FileHandle?
        /// UTF-8 bytes not yet written: appended as they come, written every megabyte.
        private var buffer: [UInt8] = []

        public init(path: String) throws {
            self.path = path
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
            guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: tmp.path])
            }
            handle = try FileHandle(forWritingTo: tmp)
        }

        deinit {
            if let handle {
                try? handle.close()
                try? FileManager.default.removeItem(at: tmp)
            }
        }

        public func write(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 20 { try flush() }
        }

        /// Appends UTF-8 bytes that a writer built itself, with no String in between.
        public func write(bytes: [UInt8]) throws {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { try flush() }
        }

        private func flush() throws {
            try handle?.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes what is buffered and renames the file into place.
        public func commit() throws {
            try flush()
            try handle?.close()
            handle = nil
            do { try ReadBack.check() } catch { try? FileManager.default.removeItem(at: tmp); throw error }
            if rename(tmp.path, path) != 0 {
                let message = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: tmp)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: message])
            }
        }
    }

    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { try $0.write(contentsOf: data) }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

/// Builds JSON text by hand: fixed key order, no escaping of non-ASCII, fast on large outputs.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]

    public init() {}

    /// Returns the text built so far and empties it, keeping the nesting state: for writing a
    /// large document in pieces.
    public mutating func drain() -> String {
        defer { text = "" }
        return text
    }

    public static func quote(_ s: String) -> String {
        // Most strings need no escape: copy them whole. 0xE2 leads U+2028/U+2029 (and other
        // characters, which then take the slow path unchanged).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    public static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 9e15 { return String(Int64(d)) }
        return d.isFinite ? String(d) : "null"
    }

    private mutating func comma() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject(_ key: String? = nil) { if let key { self.key(key) } else { comma() }; text += "{"; needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); text += "}" }
    public mutating func beginArray(_ key: String? = nil) { if let key { self.key(key) } else { comma() }; text += "["; needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); text += "]" }
    private mutating func key(_ k: String) { comma(); text += JSONWriter.quote(k) + ":" }

    public mutating func field(_ k: String, _ v: String?) { key(k); text += v.map(JSONWriter.quote) ?? "null" }
    public mutating func field(_ k: String, _ v: Int) { key(k); text += String(v) }
    public mutating func field(_ k: String, _ v: Double) { key(k); text += JSONWriter.number(v) }
    public mutating func field(_ k: String, _ v: Bool) { key(k); text += v ? "true" : "false" }
    public mutating func field(_ k: String, _ v: GraphValue) { key(k); text += v.json }
    public mutating func element(_ v: String) { comma(); text += JSONWriter.quote(v) }
    public mutating func raw(_ s: String) { text += s }
}
