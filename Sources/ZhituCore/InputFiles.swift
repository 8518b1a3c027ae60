// Finding the articles to read: folders (recursively) and files named on the command line.
import Foundation

public struct InputFile: Sendable, Equatable {
    /// Document id: the file stem.
    public var id: String
    public var path: String
}

public enum InputFiles {
    public static let extensions: Set<String> = ["txt", "md"]

    /// Files under `paths`, sorted by document id. Problems (a missing path, a duplicate id)
    /// are returned as messages; the files that can be read are still returned.
    public static func collect(_ paths: [String]) -> (files: [InputFile], problems: [String]) {
        var files: [InputFile] = []
        var problems: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if !isDir.boolValue {
                files.append(InputFile(id: stem(path), path: path))
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else {
                problems.append("\(path): folder cannot be read")
                continue
            }
            var found: [String] = []
            while let rel = walker.nextObject() as? String {
                let ext = (rel as NSString).pathExtension.lowercased()
                let name = (rel as NSString).lastPathComponent
                if extensions.contains(ext), !name.hasPrefix("."), !isProjectFile(name) {
                    found.append((path as NSString).appendingPathComponent(rel))
                }
            }
            if found.isEmpty { problems.append("\(path): no .txt or .md articles in this folder") }
            files += found.map { InputFile(id: stem($0), path: $0) }
        }
        files.sort { ($0.id, $0.path) < ($1.id, $1.path) }
        var seen: [String: String] = [:]
        var unique: [InputFile] = []
        for f in files {
            if let other = seen[f.id] {
                if other != f.path { problems.append("\(f.path): document id \(f.id) is already used by \(other); skipped") }
                continue
            }
            seen[f.id] = f.path
            unique.append(f)
        }
        return (unique, problems)
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
