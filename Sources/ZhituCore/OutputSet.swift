// A run's whole output set, written into a staging folder beside the target and swapped in
// at the end: until then the previous set stays whole, and a run killed at any point leaves
// either the old set or the new one, never annotations.jsonl of one run beside graph.sqlite
// of another. A lock file (flock, with the pid inside) keeps a second run out of the same
// folder, and SIGINT/SIGTERM remove the staging folder before the process ends.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class OutputSet: @unchecked Sendable {
    /// The folder the outputs end up in.
    public let target: URL
    /// Where the writers write: a hidden folder beside `target`, on the same file system.
    public let staging: URL
    private let lockPath: String
    private var lockFD: Int32 = -1

    /// Another run holds the lock of the same output folder.
    public struct Busy: Error, CustomStringConvertible {
        public var folder: String
        public var pid: String
        public var description: String {
            "\(folder): another zhitu run (pid \(pid)) is writing into this folder; wait for it to finish or choose another output folder"
        }
    }

    /// Takes the lock of `target` and creates the staging folder. Files of `target` that the
    /// run does not write are kept (see `commit`).
    public init(target path: String) throws {
        try OutputFolder.prepare(path)
        // the real folder: exchanging a symbolic link would replace the link, not the set
        target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let parent = target.deletingLastPathComponent()
        // The set is swapped whole or not at all: where that cannot be done, the run stops
        // here, before any work, rather than move files in one by one (a kill would leave a mix).
        if access(parent.path, W_OK | X_OK) != 0 {
            throw FileProblem(path: path, reason: "its parent folder \(parent.path) is not writable, so the new output set cannot be swapped in whole; choose an output folder inside a folder you can write")
        }
        // Folders zhitu does not write (Spark's annotations/, a user's own) are kept in the new
        // set file by file, like other files; a large tree (`--output .` in a project) would
        // make that slow and is refused.
        let folder = target
        let foreign = OutputSet.foreignFolders(in: folder)
        if !foreign.isEmpty, OutputSet.entries(in: foreign.map { folder.appendingPathComponent($0).path }, upTo: OutputSet.keptEntries) > OutputSet.keptEntries {
            let names = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
            throw FileProblem(path: path, reason: "holds folders zhitu does not write (\(names)) with more than \(OutputSet.keptEntries) files, which would all be linked into the new output set to swap it in whole; choose an output folder of its own")
        }
        let prefix = ".\(target.lastPathComponent).zhitu"
        lockPath = parent.appendingPathComponent("\(prefix)-lock").path
        staging = parent.appendingPathComponent("\(prefix)-staging-\(getpid())")
        lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else { throw FileProblem(path: lockPath, reason: "cannot create the lock file (\(ReadableFile.cause(errno)))") }
        // flock is released by the kernel when a process dies, so a killed run leaves no stale lock
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 32)
            let n = pread(lockFD, &buf, buf.count, 0)
            close(lockFD)
            lockFD = -1
            throw Busy(folder: path, pid: String(decoding: buf.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(lockFD, 0)
        _ = pwrite(lockFD, pid, pid.count, 0)
        // staging folders of runs killed outright (SIGKILL): nobody else writes them while we hold the lock
        for other in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where other.hasPrefix("\(prefix)-staging-") {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(other))
        }
        do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
            release()
            throw FileProblem(path: staging.path, reason: "cannot create the staging folder (\(FileProblem.words(error)))")
        }
        OutputSet.cleanup.register(self)
    }

    deinit { abandon() }

    /// Puts the staged set in place of the target. Files of the target that the run did not
    /// write (a user's own files and folders, outputs of formats not asked for this time) are
    /// hard-linked into the new set first, file by file; then one atomic exchange of
    /// the two folders (renameat2 RENAME_EXCHANGE) swaps the sets, and the old one is removed.
    /// Where the file system cannot exchange folders, the run fails and the old set stays.
    public func commit() throws {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: target.path)) ?? [] {
            if fm.fileExists(atPath: staging.appendingPathComponent(name).path) || OutputSet.isLeftover(name) { continue }
            try OutputSet.keep(target.appendingPathComponent(name).path, staging.appendingPathComponent(name).path)
        }
        guard OutputSet.exchange(staging.path, target.path) else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw FileProblem(path: target.path, reason: "cannot swap the new output set in (renameat2 RENAME_EXCHANGE: \(reason)); the previous set is left as it was")
        }
        try? fm.removeItem(at: staging)   // the previous set
        release()
    }

    /// Folders zhitu writes (the neo4j import files).
    static let outputFolders: Set<String> = ["neo4j"]
    /// Files and folders of other folders that a run keeps in its new set at most.
    public static let keptEntries = 10_000

    /// Entries under `folders` (not following symbolic links), counted up to just over `limit`.
    static func entries(in folders: [String], upTo limit: Int) -> Int {
        var n = 0
        var todo = folders
        while let f = todo.popLast(), n <= limit {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: f)) ?? [] {
                n += 1
                var st = stat()
                if lstat(f + "/" + name, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { todo.append(f + "/" + name) }
            }
        }
        return n
    }

    /// Sub-folders of `folder` that no zhitu writer makes.
    static func foreignFolders(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { name in
            var st = stat()
            return !outputFolders.contains(name) && !isLeftover(name)
                && lstat(folder.appendingPathComponent(name).path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
        }.sorted()
    }

    /// Keeps `from` in the new set at `to`: a file hard-linked, a folder made anew with its
    /// files linked.
    static func keep(_ from: String, _ to: String) throws {
        var st = stat()
        guard lstat(from, &st) == 0 else { return }   // gone meanwhile
        guard st.st_mode & S_IFMT == S_IFDIR else { return try link(from, to) }
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: false)
        for name in try FileManager.default.contentsOfDirectory(atPath: from) where !isLeftover(name) {
            try keep(from + "/" + name, to + "/" + name)
        }
    }

    /// Removes the staging folder and releases the lock (a failed or interrupted run).
    public func abandon() {
        if lockFD >= 0 {
            // writer threads may still add files while it goes: try again
            for _ in 0..<3 where FileManager.default.fileExists(atPath: staging.path) { try? FileManager.default.removeItem(at: staging) }
        }
        release()
    }

    private func release() {
        OutputSet.cleanup.unregister(self)
        if lockFD >= 0 {
            unlink(lockPath)
            close(lockFD)
            lockFD = -1
        }
    }

    /// Temporary files of a killed earlier run: not carried into the new set.
    static func isLeftover(_ name: String) -> Bool {
        name.hasPrefix(".") && (name.contains(".tmp-") || name.contains(".build-") || name.hasPrefix(".zhitu-"))
    }

    /// Hard-links the file `from` to `to` (a symbolic link is copied as a link).
    static func link(_ from: String, _ to: String) throws {
        var st = stat()
        guard lstat(from, &st) == 0 else { return }   // gone meanwhile
        switch st.st_mode & S_IFMT {
        case S_IFLNK:
            let dest = try FileManager.default.destinationOfSymbolicLink(atPath: from)
            try FileManager.default.createSymbolicLink(atPath: to, withDestinationPath: dest)
        default:
            if Glibc.link(from, to) != 0 {
                // hard links refused (some file systems): a copy keeps the file all the same
                do { try FileManager.default.copyItem(atPath: from, toPath: to) } catch {
                    throw FileProblem(path: from, reason: "cannot keep it in the new output set (\(FileProblem.words(error)))")
                }
            }
        }
    }

    /// Swaps two folders atomically; false where the system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        // glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module lacks
        guard let sym = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(sym, to: RenameAt2.self)
        let exchangeFlag: UInt32 = 1 << 1   // RENAME_EXCHANGE
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0
    }

    /// The sets being written, for the signal handlers.
    static let cleanup = Cleanup()

    final class Cleanup: @unchecked Sendable {
        private let lock = NSLock()
        private var sets: [ObjectIdentifier: OutputSet] = [:]
        private var sources: [DispatchSourceSignal] = []

        func register(_ s: OutputSet) {
            lock.lock(); defer { lock.unlock() }
            sets[ObjectIdentifier(s)] = s
            if sources.isEmpty { installHandlers() }
        }

        func unregister(_ s: OutputSet) {
            lock.lock(); defer { lock.unlock() }
            sets[ObjectIdentifier(s)] = nil
        }

        /// SIGINT and SIGTERM are taken from their default (which ends the process at once)
        /// and handled on a queue: the staging folders are removed, then the process exits
        /// with the usual status of a signal death.
        private func installHandlers() {
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.abandonAll()
                    FileHandle.standardError.write(Data("zhitu: interrupted; the previous output set is left as it was\n".utf8))
                    exit(128 + sig)
                }
                source.resume()
                sources.append(source)
            }
        }

        private func abandonAll() {
            lock.lock(); let all = Array(sets.values); lock.unlock()
            for s in all { s.abandon() }
        }
    }
}
