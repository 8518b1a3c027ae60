// Reading a whole file that a user named (an article, a config, a lexicon, a model, a graph):
// only regular files, so a device or a pipe given by mistake is a one-line error instead of
// a read that never ends, and every failure says why in words, not as an NSError dump.
import Foundation

/// A file that cannot be read, with the reason in words.
public struct FileProblem: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): \(reason)" }
}

public enum ReadableFile {
    /// The bytes of the regular file at `path` (symbolic links followed).
    public static func data(_ path: String) throws -> Data {
        let handle = FileHandle(fileDescriptor: try openRegular(path), closeOnDealloc: true)
        do { return try handle.readToEnd() ?? Data() } catch {
            throw FileProblem(path: path, reason: "cannot be read (\(cause(EIO)))")
        }
    }

    /// The bytes of `path` as an array, read straight into it: going through `Data` would
    /// hold a long article twice for a moment.
    public static func bytes(_ path: String) throws -> [UInt8] {
        let fd = try openRegular(path)
        defer { close(fd) }
        var st = stat()
        let size = fstat(fd, &st) == 0 ? max(0, Int(st.st_size)) : 0
        // Read straight into the result, one byte more than the size to see the end: a zeroed
        // megabyte chunk for every file cost more than reading a short article.
        var out = try [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = try fill(fd, UnsafeMutableRawBufferPointer(buffer), path)
        }
        guard out.count > size else { return out }
        // the file grew since fstat: read on to its end
        try withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 1) { chunk in
            while true {
                let n = try fill(fd, chunk, path)
                out.append(contentsOf: chunk[..<n])
                if n < chunk.count { return }
            }
        }
        return out
    }

    /// Reads into `buffer` until it is full or the file ends; the bytes read.
    private static func fill(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, _ path: String) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = read(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw FileProblem(path: path, reason: "cannot be read (\(cause(errno)))") }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// An open descriptor of the regular file at `path` (symbolic links followed).
    static func openRegular(_ path: String) throws -> Int32 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw FileProblem(path: path, reason: reason(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileProblem(path: path, reason: "is a folder, not a file")
        default: throw FileProblem(path: path, reason: "is not a regular file (a device, pipe or socket)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblem(path: path, reason: reason(errno)) }
        return fd
    }

    /// Why a file could not be opened, after `errno` = `code`.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ENOTDIR: return "no such file (a part of the path is not a folder)"
        default: return "cannot be read (\(cause(code)))"
        }
    }

    /// `code` in a few words: "permission denied".
    public static func cause(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many symbolic links"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}

public enum OutputFolder {
    /// Creates the folder `path` (and its parents) if needed and checks that files can be
    /// written there, before any work is done, so that a bad --output costs nothing and is
    /// said in words.
    public static func prepare(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw FileProblem(path: path, reason: "is a file, not a folder; choose another output folder") }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw FileProblem(path: path, reason: "cannot create the folder (\(FileProblem.words(error)))")
            }
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw FileProblem(path: path, reason: "cannot write into this folder (\(ReadableFile.cause(errno)))")
        }
    }
}

extension FileProblem {
    /// An error from Foundation's file calls in a few words ("permission denied", "no space
    /// left on device") instead of an NSError dump; other errors as they describe themselves.
    public static func words(_ error: Error) -> String {
        if error is FileProblem || error is ReadBackError { return "\(error)" }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return ReadableFile.cause(Int32(ns.code)) }
        if let under = ns.userInfo[NSUnderlyingErrorKey] as? NSError, under.domain == NSPOSIXErrorDomain {
            return under.code == Int(EEXIST) ? "a file of that name is in the way" : ReadableFile.cause(Int32(under.code))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on device"
            case .fileWriteFileExists: return "a file of that name is in the way"
            case .fileWriteVolumeReadOnly: return "read-only file system"
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
            default: if let d = ns.userInfo[NSLocalizedDescriptionKey] as? String { return d }
            }
        }
        return "\(error)"
    }
}
