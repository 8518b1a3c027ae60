// The recipes of docs/OUTPUTS.md work when pasted: every `python` and `sql` block runs against
// the outputs of `zhitu run` on an invented corpus, and the places-in-a-province queries find
// the places the gazetteer puts in that province, in networkx, kuzu, rdflib, sqlite3 and pandas.
import Foundation
import Testing
import ZhituCore

@Suite struct OutputRecipesTests {
    /// Two invented articles naming places in 甘肃 (by their own names only), posts, a slogan
    /// and numbers.
    static let corpus = [
        "a1.md": """
        # 兰州推进城市更新

        2024年3月5日

        2024年3月5日，甘肃省委书记王明远在兰州市七里河区调研城市更新工作。他强调，要坚持新发展理念，深入开展“四增四促”行动，推动高质量发展。
        全省今年安排城市更新项目120个，总投资85.6亿元，比上年增长12.5%。
        王明远还来到天水市麦积区，察看乡村振兴项目。

        """,
        "a2.md": """
        # 天水市召开乡村振兴推进会

        2025年1月20日

        天水市市长李文清主持召开乡村振兴推进会。会议指出，要坚持新发展理念，深化“四增四促”行动，全面推进乡村振兴。
        2024年全市粮食产量达到125.3万吨，农村居民人均可支配收入增长8.2%。
        香港一家企业在麦积区投资建设了一座冷库。

        """,
    ]

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fenced blocks of docs/OUTPUTS.md in `language`.
    static func blocks(_ language: String) throws -> [String] {
        let text = try String(contentsOf: repo.appendingPathComponent("docs/OUTPUTS.md"), encoding: .utf8)
        var out: [String] = []
        var current: String?
        for line in text.components(separatedBy: "\n") {
            if let c = current {
                if line == "```" { out.append(c); current = nil } else { current = c + line + "\n" }
            } else if line == "```" + language {
                current = ""
            }
        }
        return out
    }

    /// A folder holding `out/` (a run over the corpus with every output) and `scripts/`.
    static func project() throws -> URL {
        let zhitu = try #require(zhituExecutable())
        let dir = Tools.tempDir()
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for (name, text) in Self.corpus { try text.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("scripts"), withDestinationURL: repo.appendingPathComponent("scripts"))
        let config = repo.appendingPathComponent("pipeline.json")
        let r = try Tools.run(zhitu, ["run", config.path, "--input", corpus.path, "--output", dir.appendingPathComponent("out").path, "--quiet",
                                      "--format", "annotations,graph,graphml,neo4j,rdf,sqlite,measurements,report"], cwd: dir)
        guard r.status == 0 else { throw Tools.Failure(message: "zhitu run failed: \(r.stderr)") }
        return dir
    }

    @Test(.enabled(if: Tools.pythonHas("networkx", "rdflib", "kuzu", "pandas", "duckdb") && Tools.sqlite3 != nil,
                   "python3 with networkx, rdflib, kuzu, pandas and duckdb, and sqlite3, are needed (scripts/install-output-checkers.sh)"))
    func everyRecipeRuns() throws {
        let dir = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let python = try Self.blocks("python"), sql = try Self.blocks("sql")
        #expect(python.count >= 4 && sql.count >= 1)
        var outputs: [String] = []
        for block in python {
            let r = try Tools.run(Tools.python!, ["-c", block], cwd: dir)
            #expect(r.status == 0, "recipe failed:\n\(block)\n\(r.stderr)")
            outputs.append(r.stdout)
        }
        for block in sql {
            let r = try Tools.run(Tools.sqlite3!, ["-bail", "out/graph.sqlite"], cwd: dir, stdin: block)
            #expect(r.status == 0, "recipe failed:\n\(block)\n\(r.stderr)")
            outputs.append(r.stdout)
        }
        // Each reader that asks for the places in 甘肃省 gets the county and prefecture the
        // text names (七里河区, 麦积区 in 天水市) from the gazetteer, and not 香港.
        for (block, out) in zip(python + sql, outputs) where block.contains("甘肃省") {
            #expect(out.contains("七里河区") && out.contains("麦积区") && out.contains("天水市"), "\(block)\n→ \(out)")
        }
        // the HOLDS evidence query of the RDF recipe gives one row per post held, not one per pair
        let rdf = try #require(zip(python, outputs).first { $0.0.contains("rdflib") }?.1)
        #expect(rdf.components(separatedBy: "\n").filter { $0.contains("王明远 书记") }.count == 1)
        // search finds a two-character word in every sentence holding it, on the pipeline's sentences
        for word in ["推进", "香港", "发展", "乡村"] {
            let r = try Tools.run(Tools.sqlite3!, ["-bail", "out/graph.sqlite"], cwd: dir, stdin: """
                SELECT (SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\(word)') = (SELECT count(*) FROM sentences WHERE instr(text, '\(word)') > 0),
                       (SELECT count(*) FROM sentences WHERE instr(text, '\(word)') > 0);
                """)
            #expect(r.stdout.hasPrefix("1|") && !r.stdout.hasPrefix("1|0"), "\(word): \(r.stdout)")
        }
    }

    /// `zhitu graph --from annotations.jsonl` builds the same administrative links as the run.
    @Test func graphFromRecordsPlacesThePlacesToo() throws {
        let dir = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zhitu = try #require(zhituExecutable())
        let r = try Tools.run(zhitu, ["graph", "--from", "out/annotations.jsonl", "--output", "again", "--format", "graph"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let a = try String(contentsOf: dir.appendingPathComponent("out/graph.json"), encoding: .utf8)
        let b = try String(contentsOf: dir.appendingPathComponent("again/graph.json"), encoding: .utf8)
        #expect(a.contains("IN_DIVISION") && b.contains("IN_DIVISION"))
        #expect(a.components(separatedBy: "IN_DIVISION").count == b.components(separatedBy: "IN_DIVISION").count)
    }
}
