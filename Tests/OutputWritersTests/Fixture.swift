// A small corpus whose names hold everything that breaks file formats: non-ASCII, quotes,
// commas, semicolons, newlines and <&>; and helpers to write it and run the reader tools.
import Foundation
@testable import ZhituCore
import ZhituStages

enum Fixture {
    static let person = "张三\"老张\", <&>"
    static let person2 = "李\n四"
    static let title = "省委书记, \"常委\""
    static let org = "中共'某'省委 <委员会> & 办公厅"
    static let slogan = "“两个确立”, <新> & \"旧\""
    static let term = "新质生产力"
    static let place = "北京;上海"
    static let sentence = "他说：\"你好, <世界> & 朋友\"\n新的一行，张三\"老张\", <&>任省委书记, \"常委\"。"
    static let sentence2 = "李\n四在北京;上海调研新质生产力，增长3.5%。"

    static func record(_ kind: Annotation.Kind, _ type: String?, _ text: String, _ start: Int, sentence: Int = 0,
                       _ configure: (inout Annotation) -> Void = { _ in }) -> Annotation {
        var a = Annotation(kind: kind, type: type, text: text, start: start, end: start + text.unicodeScalars.count)
        a.sentence = sentence
        configure(&a)
        return a
    }

    static var documents: [DocumentResult] {
        let d1 = DocumentResult(
            id: "d1", path: "corpus/d1 \"a\", b.txt", meta: DocumentMeta(date: "2023-05-01", title: "标题 \"引号\", 逗号\n换行 <&>", source: "人民日报"),
            characters: 200,
            records: [
                record(.entity, "PER", person, 20),
                record(.entity, "TITLE", title, 31),
                record(.relation, "HOLDS", "", 20) { $0.head = person; $0.tail = title; $0.org = org; $0.end = 40 },
                record(.slogan, nil, slogan, 50),
                record(.term, nil, term, 70),
                record(.entity, "PER", "老张", 80) { $0.canonical = person },
                record(.entity, "PER", "老张;三哥", 90) { $0.canonical = person },
            ],
            sentences: [0: EvidenceSentence(text: sentence, start: 0, end: sentence.unicodeScalars.count)])
        let d2 = DocumentResult(
            id: "d2", path: "corpus/d2.md", meta: DocumentMeta(date: "2024-02-02", title: nil, source: nil),
            characters: 100,
            records: [
                record(.entity, "PER", person2, 0),
                record(.entity, "LOC", place, 4),
                record(.term, nil, term, 12),
                record(.slogan, nil, slogan, 18),
                record(.number, nil, "3.5%", 24) { $0.numtype = "percent"; $0.value = .number(3.5); $0.unit = "%"; $0.subject = term; $0.qualifier = "增长" },
                record(.number, nil, "12个", 30) { $0.numtype = "count"; $0.value = .number(12); $0.unit = "个"; $0.subject = place },
            ],
            sentences: [0: EvidenceSentence(text: sentence2, start: 0, end: sentence2.unicodeScalars.count)])
        return [d1, d2]
    }

    static func output() -> RunOutput { RunOutput(name: "测试 \"fixture\" <&>", documents: documents) }

    static var graph: KnowledgeGraph { try! KnowledgeGraph(output().graphSource()) }

    /// A synthetic graph of `n` nodes and about 2n edges, for size tests.
    static func large(_ n: Int) -> KnowledgeGraph {
        let types = ["Person", "Place", "Organization", "Title", "Slogan", "Term"]
        var nodes: [GraphNode] = []
        for i in 0..<n {
            let t = types[i % types.count]
            nodes.append(GraphNode(id: "\(t.lowercased()):节点\(i)", type: t, name: "节点\(i) <&>", docs: ["doc\(i % 50)"], count: 1 + i % 7, properties: [:]))
        }
        nodes.sort { $0.id < $1.id }
        var edges: [GraphEdge] = []
        var seed: UInt64 = 42
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for _ in 0..<(2 * n) {
            let a = nodes[next() % n].id, b = nodes[next() % n].id
            edges.append(GraphEdge(source: a, target: b, type: "CO_OCCURS", count: 1, properties: [:],
                                   evidence: [Evidence(doc: "doc1", sentence: "句子 \(a) \(b)", start: 0, end: 2)]))
        }
        return KnowledgeGraph(name: "large", nodes: nodes, edges: edges)
    }
}

enum Tools {
    /// An executable on PATH.
    static func find(_ names: String...) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") {
                let u = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: u.path) { return u }
            }
        }
        return nil
    }

    static let python = find("python3")
    static let chromium = find("chromium", "chromium-browser", "google-chrome")
    static let sqlite3 = find("sqlite3")
    static let xmllint = find("xmllint")

    /// Whether python3 can import every module.
    static func pythonHas(_ modules: String...) -> Bool {
        guard let python else { return false }
        return (try? run(python, ["-c", modules.map { "import \($0)" }.joined(separator: "; ")]))?.status == 0
    }

    static func tempDir() -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("zhitu-outputs-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ exe: URL, _ args: [String], cwd: URL? = nil, stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // read both pipes concurrently so neither can fill up and block the child
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a Python script with arguments; returns its stdout parsed as JSON.
    static func python(_ script: String, _ args: [String]) throws -> Any {
        let r = try run(python!, ["-c", script] + args)
        guard r.status == 0 else { throw Failure(message: "python failed (\(r.status)):\n\(r.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Writes `output` with the writer for `format` into a new folder.
func write(_ format: String, _ output: RunOutput = Fixture.output()) throws -> URL {
    let dir = Tools.tempDir()
    guard let w = StageRegistry.builtIn.writer(named: format) else { throw Tools.Failure(message: "no writer \(format)") }
    try w.init().write(output, to: dir)
    return dir
}

/// Every file under `dir`, relative path → contents.
func files(_ dir: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
    for case let u as URL in e where !u.hasDirectoryPath {
        out[String(u.path.dropFirst(dir.path.count))] = try? Data(contentsOf: u)
    }
    return out
}
