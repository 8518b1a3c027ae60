// Binary resource files (the tagger model, compiled word lists) that are memory-mapped instead of
// parsed: start-up then costs a few system calls, only the pages a run touches are read, and
// every process on the machine (each `--stdin-jsonl` partition) shares one copy of them in the
// page cache.
//
// Layout: an 8-byte magic naming the kind and version, a section count (UInt32) and a reserved
// UInt32, then per section its offset and length (UInt64 each), then the sections, each starting
// on a 64-byte boundary (a table slot of 64 bytes stays in one cache line). All numbers are
// little-endian. The last section ends at the end of the file, so a truncated file is caught by
// its size before any section is read.
import Foundation

/// A resource file that is not what its reader expects, naming the file.
public struct ResourceImageError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) { self.file = file; self.reason = reason }
    public var description: String { "\(file): \(reason)" }
}

/// A read-only file mapped into memory; unmapped when the last reference goes.
public final class MappedFile: @unchecked Sendable {   // the mapping is never written
    public let base: UnsafeRawPointer
    public let count: Int

    /// Maps the regular file at `path` (symbolic links followed).
    public init(_ path: String) throws {
        let fd = try ReadableFile.openRegular(path)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileProblem(path: path, reason: ReadableFile.reason(errno)) }
        count = Int(st.st_size)
        guard count > 0 else { throw FileProblem(path: path, reason: "is empty") }
        guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw FileProblem(path: path, reason: "cannot be read (\(ReadableFile.cause(errno)))")
        }
        base = UnsafeRawPointer(p)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }
}

/// Sections of a mapped resource file, checked against the layout above.
public struct ResourceImage: @unchecked Sendable {   // read-only views into `file`
    public let file: MappedFile
    public let sections: [UnsafeRawBufferPointer]

    /// Maps `path` and checks its magic and section table. `hint` ends the error line (how to
    /// rebuild the file).
    public init(path: String, magic: [UInt8], hint: String) throws {
        func bad(_ why: String) -> ResourceImageError { ResourceImageError(file: path, reason: "\(why); \(hint)") }
        do { file = try MappedFile(path) } catch let e as FileProblem { throw ResourceImageError(file: path, reason: e.reason) }
        let raw = UnsafeRawBufferPointer(start: file.base, count: file.count)
        guard raw.count >= 16, raw.prefix(8).elementsEqual(magic) else {
            let other = raw.count >= 8 && raw.prefix(6).elementsEqual(magic.prefix(6))
            throw bad(other ? "written in another format version (\(String(decoding: raw.prefix(7), as: UTF8.self)), expected \(String(decoding: magic.prefix(7), as: UTF8.self)))"
                            : "not a \(String(decoding: magic.prefix(7), as: UTF8.self)) file")
        }
        func u64(_ at: Int) -> Int { Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        let n = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        guard n < 4096, raw.count >= 16 + 16 * n else { throw bad("truncated (\(raw.count) bytes, the section table alone needs more)") }
        var sections: [UnsafeRawBufferPointer] = []
        var end = 16 + 16 * n
        for i in 0..<n {
            let offset = u64(16 + 16 * i), length = u64(24 + 16 * i)
            guard offset >= end, offset % 64 == 0, length >= 0, offset <= raw.count, length <= raw.count - offset else {
                throw bad(offset > raw.count || length > raw.count - min(offset, raw.count)
                          ? "truncated (\(raw.count) bytes, section \(i + 1) of \(n) ends at \(offset &+ length))"
                          : "damaged section table (section \(i + 1) of \(n))")
            }
            sections.append(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]))
            end = offset + length
        }
        guard end == raw.count else { throw bad("\(raw.count - end) bytes after the last section (damaged or not written whole)") }
        self.sections = sections
    }

    /// The image compiled from the text resource `source`, beside it with the extension `.image`
    /// (or `suffix`, for a second image of one text: `gazetteer.admin-tree.image`), if there is
    /// one and it was compiled from a file of `source`'s size (recorded as the first UInt64 of its
    /// first section); nil: the caller parses the text. The size is a guard against an image left
    /// behind by an edit: each image's test compares it with the text whole.
    public static func beside(_ source: URL, suffix: String = "image", magic: [UInt8], hint: String) throws -> ResourceImage? {
        let path = source.deletingPathExtension().appendingPathExtension(suffix).path
        var st = stat()
        guard stat(source.path, &st) == 0, FileManager.default.fileExists(atPath: path) else { return nil }
        let image = try ResourceImage(path: path, magic: magic, hint: hint)
        guard let first = image.sections.first, let size = ImageFields.int(first, 0) else {
            throw ResourceImageError(file: path, reason: "damaged (no source size); \(hint)")
        }
        return size == Int(st.st_size) ? image : nil
    }

    /// The file's bytes: sections laid out as above after `magic`.
    public static func encode(magic: [UInt8], sections: [[UInt8]]) -> [UInt8] {
        precondition(magic.count == 8)
        var out = magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: Int) { withUnsafeBytes(of: UInt64(v).littleEndian) { out.append(contentsOf: $0) } }
        u32(UInt32(sections.count))
        u32(0)
        var at = 16 + 16 * sections.count
        var offsets: [Int] = []
        for s in sections {
            at = (at + 63) & ~63
            offsets.append(at)
            at += s.count
        }
        for (s, o) in zip(sections, offsets) { u64(o); u64(s.count) }
        for (s, o) in zip(sections, offsets) {
            out.append(contentsOf: repeatElement(0, count: o - out.count))
            out.append(contentsOf: s)
        }
        return out
    }

    /// Writes `bytes` to `url` whole or not at all (a temporary file renamed over it).
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url, options: .atomic)
    }
}

/// Little-endian numbers into and out of section bytes.
public struct ImageFields {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public mutating func append(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func append(_ v: Int) { withUnsafeBytes(of: UInt64(v).littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func append<T>(contentsOf a: [T]) { a.withUnsafeBytes { bytes.append(contentsOf: $0) } }

    /// The `i`th UInt64 of `section` as an Int, or nil past its end.
    public static func int(_ section: UnsafeRawBufferPointer, _ i: Int) -> Int? {
        guard (i + 1) * 8 <= section.count else { return nil }
        return Int(truncatingIfNeeded: UInt64(littleEndian: section.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
    }

    /// `section` copied into an array of `T` (its length must be a multiple of `T`'s size).
    /// Inlinable, so that each caller's module specializes it for its `T`: unspecialized, the
    /// array was filled through a value-witness call per element (5 ms of a run's start for the
    /// gazetteer's arrays).
    @inlinable
    public static func array<T: FixedWidthInteger>(_ section: UnsafeRawBufferPointer, of: T.Type) -> [T]? {
        guard section.count % MemoryLayout<T>.stride == 0 else { return nil }
        let n = section.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: n) { buffer, count in
            UnsafeMutableRawBufferPointer(start: buffer.baseAddress, count: section.count).copyMemory(from: section)
            count = n
        }
    }
}
