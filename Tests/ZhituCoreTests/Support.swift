// Shared helpers for the tests: paths, running the built `zhitu`, a pipeline over text.
import Foundation
import ZhituCore
import ZhituStages

enum Repo {
    /// The repository root (this file is Tests/ZhituCoreTests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("corpus")

    /// The built `zhitu` executable, next to the test bundle.
    static var zhitu: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("zhitu").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("zhitu")
    }

    static func tempDir() -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("zhitu-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `zhitu` with `args` in `cwd` (the repo root by default).
func zhitu(_ args: [String], cwd: URL = Repo.root, environment: [String: String] = [:]) throws -> CommandResult {
    try run(Repo.zhitu, args, cwd: cwd, environment: environment)
}

/// Runs `exe`; `environment` is added to this process's.
func run(_ exe: URL, _ args: [String], cwd: URL = Repo.root, environment: [String: String] = [:]) throws -> CommandResult {
    let p = Process()
    p.executableURL = exe
    p.arguments = args
    p.currentDirectoryURL = cwd
    if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // read before waiting so a large output cannot block the child
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CommandResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// A pipeline of the named built-in stages with default options.
func pipeline(_ uses: [String]) throws -> Pipeline {
    let json = "{\"stages\": [" + uses.map { "{\"use\": \"\($0)\"}" }.joined(separator: ",") + "]}"
    let cfg = try PipelineConfig.parse(Array(json.utf8), file: "test.json", baseDirectory: Repo.root, registry: .builtIn)
    return try Pipeline(config: cfg, registry: .builtIn)
}

/// Processes `text` as a document through `uses`.
func process(_ text: String, _ uses: [String] = ["read", "normalize", "sentences", "segment"]) throws -> Document {
    var doc = Document(id: "t", path: "t.txt", bytes: Array(text.utf8))
    try pipeline(uses).process(&doc)
    return doc
}
