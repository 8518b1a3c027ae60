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
        var st = stat()
        guard stat(path, &st) == 0 else { throw FileProblem(path: path, reason: reason(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileProblem(path: path, reason: "is a folder, not a file")
        default: throw FileProblem(path: path, reason: "is not a regular file (a device, pipe or socket)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblem(path: path, reason: reason(errno)) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { return try handle.readToEnd() ?? Data() } catch {
            throw FileProblem(path: path, reason: "cannot be read (\(cause(EIO)))")
        }
    }

    /// The bytes of `path` as an array.
    public static func bytes(_ path: String) throws -> [UInt8] { Array(try data(path)) }

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
