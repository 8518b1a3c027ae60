// Finding the articles to read: folders (recursively, through symbolic links) and files named
// on the command line. Nothing is skipped without a word: a folder that cannot be read and a
// broken link to an article are problems; a link that leads back into the tree is a note.
import Foundation

public struct InputFile: Sendable, Equatable {
    /// Document id: the file stem.
    public var id: String
    public var path: String
}

public enum InputFiles {
    public static let extensions: Set<String> = ["txt", "md"]

    /// What `collect` found.
    public struct Collected: Sendable {
        /// Sorted by document id.
        public var files: [InputFile] = []
        /// Inputs lost (a missing path, an unreadable folder, a duplicate id): the run fails.
        public var problems: [String] = []
        /// Nothing lost, but worth a line (a folder reached twice through symbolic links).
        public var notes: [String] = []
    }

    /// A folder's identity, to notice a folder reached again through a symbolic link.
    struct FolderKey: Hashable { var device: UInt64; var inode: UInt64 }

    /// Files under `paths`, sorted by document id. Problems are returned as messages; the
    /// files that can be read are still returned.
    public static func collect(_ paths: [String]) -> Collected {
        var c = Collected()
        var files: [InputFile] = []
        var visited: [FolderKey: String] = [:]
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else {
                let why = errno == ENOENT ? "no such file or folder" : ReadableFile.reason(errno)
                c.problems.append("\(path): \(why)")
                continue
            }
            if st.st_mode & S_IFMT != S_IFDIR {
                files.append(InputFile(id: stem(path), path: path))
                continue
            }
            var found: [String] = []
            let before = c.problems.count
            walk(path, key(st), ancestors: [], visited: &visited, found: &found, into: &c)
            if found.isEmpty && c.problems.count == before { c.problems.append("\(path): no .txt or .md articles in this folder") }
            files += found.map { InputFile(id: stem($0), path: $0) }
        }
        files.sort { ($0.id, $0.path) < ($1.id, $1.path) }
        var seen: [String: String] = [:]
        for f in files {
            if let other = seen[f.id] {
                if other != f.path { c.problems.append("\(f.path): document id \(f.id) is already used by \(other); skipped") }
                continue
            }
            seen[f.id] = f.path
            c.files.append(f)
        }
        return c
    }

    static func key(_ st: stat) -> FolderKey { FolderKey(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)) }

    /// Adds the articles under `dir` to `found`, following symbolic links to folders once each.
    static func walk(_ dir: String, _ dirKey: FolderKey, ancestors: Set<FolderKey>, visited: inout [FolderKey: String],
                     found: inout [String], into c: inout Collected) {
        visited[dirKey] = dir
        guard let handle = opendir(dir) else {
            c.problems.append("\(dir): folder cannot be read (\(ReadableFile.cause(errno)))")
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(handle)
        let inside = ancestors.union([dirKey])
        for name in names.sorted() {
            let full = (dir as NSString).appendingPathComponent(name)
            let isArticle = extensions.contains((name as NSString).pathExtension.lowercased()) && !name.hasPrefix(".") && !isProjectFile(name)
            var st = stat()
            guard stat(full, &st) == 0 else {
                // a link whose target is gone: an article lost only if it names one
                if isArticle { c.problems.append("\(full): \(errno == ENOENT ? "broken symbolic link" : ReadableFile.reason(errno))") }
                continue
            }
            if st.st_mode & S_IFMT == S_IFDIR {
                let k = key(st)
                if inside.contains(k) {
                    c.notes.append("\(full): symbolic link back to \(visited[k] ?? "a folder above it"); not followed")
                } else if let first = visited[k] {
                    c.notes.append("\(full): the same folder as \(first); read once")
                } else {
                    walk(full, k, ancestors: inside, visited: &visited, found: &found, into: &c)
                }
            } else if isArticle {
                found.append(full)
            }
        }
    }

    /// README*, LICENSE*/LICENCE*: a folder's notes about itself, not articles (they are read
    /// when named as an input).
    public static func isProjectFile(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["README", "LICENSE", "LICENCE"].contains { upper.hasPrefix($0) }
    }

    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}
