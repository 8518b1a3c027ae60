// The command line's answers to a new user: --version, a run without a config, the file a
// message names, rejected options, eval without gold for some kinds, and the provenance
// every run leaves in its outputs.
import Foundation
import Testing
import ZhituCore

@Suite(.serialized) struct CLIUsageTests {
    /// A folder holding one invented article and nothing else (no pipeline.json).
    func articleFolder() throws -> URL {
        let dir = Repo.tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try "本报记者 王 晶\n\n2024年3月5日，青海省西宁市举办“网格议事”活动，全面落实总体国家安全观，200余名群众参加。\n"
            .write(to: dir.appendingPathComponent("corpus/a.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    func lines(_ url: URL) throws -> [Substring] { try String(contentsOf: url, encoding: .utf8).split(separator: "\n") }

    @Test func versionNamesZhituAndICU() throws {
        let r = try zhitu(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("zhitu \(ZhituVersion.current) (ICU "), "\(r.stdout)")
    }

    @Test func runWithoutAConfigUsesTheDefaults() throws {
        let dir = try articleFolder()
        let r = try zhitu(["run"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no pipeline.json here: using the defaults"))
        let records = try lines(dir.appendingPathComponent("out/annotations.jsonl"))
        #expect(records.contains { $0.contains("\"kind\":\"entity\"") && $0.contains("\"text\":\"王晶\"") })
        #expect(records.contains { $0.contains("\"kind\":\"number\"") })
        // the tutorial stage is not part of the defaults
        #expect(!records.contains { $0.contains("\"kind\":\"quote\"") })
        let check = try zhitu(["check"], cwd: dir)
        #expect(check.status == 0 && check.stdout.contains("\"use\" : \"terms\"") && !check.stdout.contains("\"use\" : \"quotes\""))
    }

    @Test func theShippedPipelineHasNoTutorialStageAndMatchesTheDefaults() throws {
        let shipped = try zhitu(["check", "--digest"])
        let defaults = try zhitu(["check", "--digest"], cwd: try articleFolder())
        #expect(shipped.status == 0 && defaults.status == 0)
        let out = Repo.tempDir()
        #expect(try zhitu(["run", "--output", out.path, "--format", "annotations", "--quiet"]).status == 0)
        #expect(try !lines(out.appendingPathComponent("annotations.jsonl")).contains { $0.contains("\"kind\":\"quote\"") })
    }

    @Test func inspectNamesTheMissingArticle() throws {
        let r = try zhitu(["inspect", "/missing-article.txt"], cwd: try articleFolder())
        #expect(r.status == 1)
        #expect(r.stderr.contains("/missing-article.txt") && r.stderr.contains("no such file"), "\(r.stderr)")
        #expect(!r.stderr.contains("pipeline.json"))
    }

    @Test func jobsZeroIsRejected() throws {
        let r = try zhitu(["run", "--jobs", "0", "--quiet"], cwd: try articleFolder())
        #expect(r.status == 2)
        #expect(r.stderr == "zhitu: --jobs 0: give at least 1 worker thread\n")
    }

    @Test func graphFromNeedsAnOutputFolderAndKeepsTheRunsNameAndProvenance() throws {
        let dir = try articleFolder()
        try #"{"name": "my-graph"}"#.write(to: dir.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        #expect(try zhitu(["run", "--quiet"], cwd: dir).status == 0)
        let before = try Data(contentsOf: dir.appendingPathComponent("out/graph.json"))
        let bare = try zhitu(["graph", "--from", "out/annotations.jsonl"], cwd: dir)
        #expect(bare.status == 2 && bare.stderr.contains("--output is required"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("out/graph.json")) == before)
        let r = try zhitu(["graph", "--from", "out/annotations.jsonl", "--output", "rebuilt", "--format", "graph"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!String(decoding: before, as: UTF8.self).contains("\"id\":\"doc:\""), "the run line became a document")
        // the same graph, name and provenance as the run's
        #expect(try Data(contentsOf: dir.appendingPathComponent("rebuilt/graph.json")) == before)
    }

    @Test func everyRunRecordsItsProvenance() throws {
        let dir = try articleFolder()
        let r = try zhitu(["run", "--format", "annotations,graph,sqlite", "--quiet"], cwd: dir, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(r.status == 0, "\(r.stderr)")
        let digest = try zhitu(["check", "--digest"], cwd: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(digest.count == 64)
        let first = try lines(dir.appendingPathComponent("out/annotations.jsonl"))[0]
        let line = try JSONValue.parse(Array(first.utf8))
        let p = try #require(Provenance.parse(line))
        #expect(line["kind"] == .string("run") && line["doc"] == nil)
        #expect(p.zhitu == ZhituVersion.current && p.configDigest == digest && p.date == "2023-11-14T22:13:20Z")
        #expect(p.stages.map(\.use) == ["read", "normalize", "sentences", "segment", "ner", "entities", "numbers", "slogans", "terms"])
        #expect(p.stages.allSatisfy { !$0.version.isEmpty && $0.version != "?" })
        let graph = try JSONValue.parse(Array(try Data(contentsOf: dir.appendingPathComponent("out/graph.json"))))
        #expect(graph["graph"]?["provenance"].flatMap(Provenance.parse) == p)
        // graph.sqlite: the run table, read with sqlite3 where it is installed
        func runRow(_ db: String) throws -> String? {
            guard (try? run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", "-version"]))?.status == 0 else { return nil }
            return try run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", dir.appendingPathComponent(db).path,
                                                                  "SELECT zhitu, config_sha256, date, json_extract(stages, '$[4].use') FROM run"]).stdout
        }
        let row = "\(ZhituVersion.current)|\(digest)|2023-11-14T22:13:20Z|ner\n"
        if let got = try runRow("out/graph.sqlite") { #expect(got == row) } else { print("skipped: sqlite3 is not installed (.ci/run installs it)") }
        // readers of annotations.jsonl pass over the run line
        let e = try zhitu(["eval", "out/annotations.jsonl", "--predictions", "out/annotations.jsonl"], cwd: dir)
        #expect(e.status == 0, "\(e.stderr)")
        // export keeps the provenance of the graph it converts
        let x = try zhitu(["export", "--from", "out/graph.json", "--format", "sqlite", "--output", "exported"], cwd: dir)
        #expect(x.status == 0, "\(x.stderr)")
        if let got = try runRow("exported/graph.sqlite") { #expect(got == row) }
    }

    @Test func evalNamesKindsWithoutGoldInsteadOfScoringThem() throws {
        let dir = Repo.tempDir()
        let gold = dir.appendingPathComponent("gold.jsonl"), pred = dir.appendingPathComponent("pred.jsonl")
        try """
        {"doc": "d1", "kind": "entity", "type": "PER", "text": "王晶"}
        {"doc": "d1", "kind": "number", "text": "200余名", "value": 200, "unit": "名"}

        """.write(to: gold, atomically: true, encoding: .utf8)
        try """
        {"doc": "d1", "kind": "entity", "type": "PER", "text": "王晶"}
        {"doc": "d1", "kind": "entity", "type": "LOC", "text": "西宁市"}
        {"doc": "d1", "kind": "slogan", "text": "网格议事"}
        {"doc": "d1", "kind": "term", "text": "总体国家安全观"}

        """.write(to: pred, atomically: true, encoding: .utf8)
        let r = try zhitu(["eval", gold.path, "--predictions", pred.path])
        #expect(r.status == 0, "\(r.stderr)")
        // no row for a group without gold (…/…/0)
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasSuffix("/0)") }, "\(r.stdout)")
        #expect(r.stdout.contains("entity.PER         P 1.000  R 1.000  F1 1.000  (1/1/1)"))
        #expect(r.stdout.contains("number             P 0.000  R 0.000  F1 0.000  (0/0/1)"))   // gold, nothing found: scored
        #expect(r.stdout.contains("no gold for: entity.LOC, slogan, term (2 predicted records not scored)\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("slogan.lenient"))
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // 56 bytes: the length must go into a second block
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
