// The `zhitu` command end to end: outputs on corpus/, bad input, parallel = one core, eval.
import Foundation
import Testing
import ZhituCore

@Suite(.serialized) struct CLITests {
    struct Record: Decodable { var doc: String; var kind: String; var text: String?; var start: Int?; var end: Int? }

    @Test func runOnCorpusWritesBothFilesWithFaithfulOffsets() throws {
        let out = Repo.tempDir()
        let r = try zhitu(["run", "--output", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOf: out.appendingPathComponent("annotations.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        var originals: [String: [Unicode.Scalar]] = [:]
        // the first line says what made the file (no document)
        #expect(lines.first?.hasPrefix("{\"kind\":\"run\",\"zhitu\":") == true)
        for line in lines.dropFirst() {
            let rec = try JSONDecoder().decode(Record.self, from: Data(line.utf8))
            if originals[rec.doc] == nil {
                let text = try String(contentsOf: Repo.corpus.appendingPathComponent(rec.doc + ".txt"), encoding: .utf8)
                originals[rec.doc] = Array(text.unicodeScalars)
            }
            let orig = originals[rec.doc]!
            if rec.kind == "document" { continue }
            let (start, end) = (rec.start ?? -1, rec.end ?? -1)
            #expect(start >= 0 && start < end && end <= orig.count)
            if let text = rec.text, rec.kind != "relation", start >= 0, start < end, end <= orig.count {
                var span = String.UnicodeScalarView()
                span.append(contentsOf: orig[start..<end])
                // a record's text is its span normalised: no whitespace, no quote marks (“五治”融合 → 五治融合)
                func bare(_ s: String) -> String { String(TextNormal.compareKey(s).unicodeScalars.filter { !"“”‘’\"'「」『』《》".unicodeScalars.contains($0) }) }
                #expect(bare(String(span)) == bare(text), "\(rec.doc) \(start): \(String(span)) vs \(text)")
            }
        }
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("graph.json"))) as! [String: Any]
        let nodes = graph["nodes"] as! [[String: Any]]
        #expect(nodes.filter { $0["type"] as? String == "Document" }.count == 5)
        #expect(graph["links"] is [Any])
    }

    @Test func benchReportsThroughputPerStageAndMemory() throws {
        let r = try zhitu(["bench", "--input", "corpus", "--megabytes", "0.05", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        func figure(_ label: String, _ unit: String) -> Double? {
            guard let line = lines.first(where: { $0.hasPrefix(label) }), let u = line.range(of: unit) else { return nil }
            return Double(line[..<u.lowerBound].split(separator: " ").last ?? "")
        }
        for label in ["ICU word break alone", "segmentation 1 thread", "segmentation 2 threads", "whole pipeline 1 thread", "whole pipeline 2 threads"] {
            #expect((figure(label, " MB/s") ?? 0) > 0, "\(label) in:\n\(r.stdout)")
        }
        #expect((figure("peak memory", " MB") ?? 0) > 0)
        // CPU per stage, for every stage of the shipped pipeline
        let stages = try JSONSerialization.jsonObject(with: Data(contentsOf: Repo.root.appendingPathComponent("pipeline.json"))) as! [String: Any]
        let perStage = lines.first { $0.hasPrefix("per stage") } ?? ""
        for stage in stages["stages"] as! [[String: Any]] {
            #expect(perStage.contains(" \(stage["name"] as! String) "), "\(perStage)")
        }
        let bad = try zhitu(["bench", "--megabytes", "0"])
        #expect(bad.status != 0 && bad.stderr.contains("--megabytes"))
    }

    @Test func parallelRunEqualsOneCoreRun() throws {
        let one = Repo.tempDir(), many = Repo.tempDir()
        // the run date is the one thing that differs between two runs: fix it
        let date = ["SOURCE_DATE_EPOCH": "1700000000"]
        #expect(try zhitu(["run", "--output", one.path, "--jobs", "1", "--quiet"], environment: date).status == 0)
        #expect(try zhitu(["run", "--output", many.path, "--jobs", "4", "--quiet"], environment: date).status == 0)
        for f in ["annotations.jsonl", "graph.json"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(f)) == Data(contentsOf: many.appendingPathComponent(f)), "\(f) differs")
        }
    }

    @Test func badInputIsReportedAndTheRestIsProcessed() throws {
        let dir = Repo.tempDir()
        let good = "本报记者 王 晶\n\n全面落实总体国家安全观，深化“十个一”工作。\n"
        try good.write(to: dir.appendingPathComponent("good.txt"), atomically: true, encoding: .utf8)
        try Data([0xE4, 0xB8, 0x0A, 0xFF, 0xFE]).write(to: dir.appendingPathComponent("latin.txt"))
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: dir.appendingPathComponent("binary.md"))
        let out = dir.appendingPathComponent("out")
        let r = try zhitu(["run", "--input", dir.path, dir.appendingPathComponent("missing.txt").path, "--output", out.path, "--quiet"])
        #expect(r.status == 1)
        let errs = r.stderr.split(separator: "\n").map(String.init)
        #expect(errs.contains { $0.contains("latin.txt") && $0.contains("not valid UTF-8") })
        #expect(errs.contains { $0.contains("empty.txt") && $0.contains("empty file") })
        #expect(errs.contains { $0.contains("binary.md") && $0.contains("binary file") })
        #expect(errs.contains { $0.contains("missing.txt") && $0.contains("no such file") })
        #expect(errs.contains { $0.contains("4 input problems") })
        #expect(!r.stderr.contains("Fatal error"))
        let annotations = try String(contentsOf: out.appendingPathComponent("annotations.jsonl"), encoding: .utf8)
        #expect(annotations.contains("\"doc\":\"good\""))
    }

    @Test func emptyFolderAndBadConfigExitWithOneLine() throws {
        let dir = Repo.tempDir()
        let r = try zhitu(["run", "--input", dir.path, "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no .txt or .md articles"))
        try "{\"stages\": [".write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let c = try zhitu(["check", dir.appendingPathComponent("bad.json").path])
        #expect(c.status == 2)
        #expect(c.stderr.contains("bad.json: not valid JSON: line 1"))
        let m = try zhitu(["check", dir.appendingPathComponent("none.json").path])
        #expect(m.status == 2 && m.stderr.contains("no such file"))
    }

    @Test func checkRejectsMisspelledOptionWithKeyPath() throws {
        let dir = Repo.tempDir()
        try #"{"stages": [{"use": "read"}, {"use": "normalize", "options": {"join_ration": 0.5}}]}"#.write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let r = try zhitu(["check", dir.appendingPathComponent("p.json").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("stages[1].options.join_ration: unknown option of stage normalize; did you mean join_ratio?"))
        let ok = try zhitu(["check"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("\"join_ratio\" : 0.7"))
    }

    @Test func graphJSONLoadsInNetworkx() throws {
        let probe = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import networkx"])
        guard probe.status == 0 else {
            print("skipped: python3 with networkx is not installed (.ci/run installs it)")
            return
        }
        let out = Repo.tempDir()
        #expect(try zhitu(["run", "--output", out.path, "--quiet"]).status == 0)
        let script = """
        import json, sys, networkx as nx
        g = nx.node_link_graph(json.load(open(sys.argv[1], encoding="utf-8")), edges="links")
        docs = [n for n, d in g.nodes(data=True) if d.get("type") == "Document"]
        print(len(docs), g.number_of_nodes() >= len(docs), g.is_directed())
        """
        let r = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, out.appendingPathComponent("graph.json").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "5 True True\n")
    }

    @Test func evalAgreesWithScorePy() throws {
        let scorer = Repo.root.deletingLastPathComponent().appendingPathComponent("shared/tools/score.py")
        let goldFile = Repo.root.deletingLastPathComponent().appendingPathComponent("shared/gold/seeds.entities.jsonl")
        guard FileManager.default.fileExists(atPath: scorer.path), FileManager.default.fileExists(atPath: goldFile.path) else {
            print("skipped: ../shared/tools/score.py or the gold files are not on this machine")
            return
        }
        // Predictions: a perturbed copy of the gold of every kind, plus this run's own records.
        let out = Repo.tempDir()
        #expect(try zhitu(["run", "--output", out.path, "--quiet"]).status == 0)
        var pred = try String(contentsOf: out.appendingPathComponent("annotations.jsonl"), encoding: .utf8)
        for kind in ["entities", "numbers", "discourse"] {
            let gold = try String(contentsOf: goldFile.deletingLastPathComponent().appendingPathComponent("seeds.\(kind).jsonl"), encoding: .utf8)
            for (i, line) in gold.split(separator: "\n").enumerated() where i % 3 != 0 {
                pred += (i % 5 == 0 ? line.replacingOccurrences(of: "\"text\": \"", with: "\"text\": \"X") : String(line)) + "\n"
            }
        }
        let predFile = out.appendingPathComponent("pred.jsonl")
        try pred.write(to: predFile, atomically: true, encoding: .utf8)
        let golds = ["entities", "numbers", "discourse"].map { goldFile.deletingLastPathComponent().appendingPathComponent("seeds.\($0).jsonl").path }.joined(separator: ",")
        let py = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", scorer.path, golds, predFile.path])
        let ours = try zhitu(["eval", golds, "--predictions", predFile.path])
        #expect(py.status == 0 && ours.status == 0)
        #expect(ours.stdout == py.stdout, "zhitu eval:\n\(ours.stdout)\nscore.py:\n\(py.stdout)")
    }
}

@Suite(.serialized) struct StreamingTests {
    /// A line longer than the read buffer's hand-over size (1 MB), first on stdin, between short
    /// ones and last without a newline, is read whole, and the lines after it are not lost or cut.
    @Test func longLinesAndTheLinesAfterThemAreReadWhole() throws {
        let out = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let long = String(repeating: "路。", count: 190_000)   // 380 000 characters, 1.14 MB
        func line(_ id: String, _ text: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "text": text]), as: UTF8.self) + "\n"
        }
        // the last line has no newline: it is read whole too
        let input = try line("l1", long) + line("s1", "短文一。") + line("l2", long + "尾。") + line("s2", "短文二。") + String(try line("l3", long).dropLast())
        let inFile = out.appendingPathComponent("in.jsonl")
        try input.write(to: inFile, atomically: true, encoding: .utf8)
        // reading is what is tested: the stages that count characters are enough
        let config = out.appendingPathComponent("pipeline.json")
        try #"{"stages": [{"name": "read", "use": "read"}, {"name": "normalize", "use": "normalize"}]}"#.write(to: config, atomically: true, encoding: .utf8)
        let r = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"\(Repo.zhitu.path)\" run \"\(config.path)\" --stdin-jsonl --quiet < \"\(inFile.path)\""])
        #expect(r.status == 0, "\(r.stderr)")
        var characters: [String: Int] = [:]
        for l in r.stdout.split(separator: "\n") where l.contains("\"kind\":\"document\"") {
            let o = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
            characters[o["doc"] as! String] = o["characters"] as? Int
        }
        #expect(characters == ["l1": 380_000, "s1": 4, "l2": 380_002, "s2": 4, "l3": 380_000])
    }

    @Test func stdinJSONLGivesTheSameRecordsAsARun() throws {
        let out = Repo.tempDir()
        #expect(try zhitu(["run", "--output", out.path, "--quiet"]).status == 0)
        var input = ""
        // documents given by text, and (every other one) by a path zhitu reads
        for (n, f) in try FileManager.default.contentsOfDirectory(atPath: Repo.corpus.path).sorted().enumerated() {
            let url = Repo.corpus.appendingPathComponent(f)
            let body = n % 2 == 0 ? ["text": try String(contentsOf: url, encoding: .utf8)] : ["path": url.path]
            let obj = try JSONSerialization.data(withJSONObject: body.merging(["id": (f as NSString).deletingPathExtension]) { a, _ in a })
            input += String(decoding: obj, as: UTF8.self) + "\n"
        }
        input += "{not json\n"
        input += "{\"id\": \"gone\", \"path\": \"/nonexistent/gone.txt\"}\n"
        let inFile = out.appendingPathComponent("in.jsonl")
        try input.write(to: inFile, atomically: true, encoding: .utf8)
        let r = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"\(Repo.zhitu.path)\" run --stdin-jsonl < \"\(inFile.path)\""])
        #expect(r.status == 1)
        #expect(r.stderr.contains("stdin:6:"))
        #expect(r.stderr.contains("stdin:7: document gone: /nonexistent/gone.txt: no such file"))
        func records(_ s: String) -> [Substring] { s.split(separator: "\n").filter { !$0.contains("\"kind\":\"document\"") && !$0.contains("\"kind\":\"run\"") } }
        let expected = try String(contentsOf: out.appendingPathComponent("annotations.jsonl"), encoding: .utf8)
        #expect(records(r.stdout) == records(expected))
        #expect(!records(expected).isEmpty)
    }

    @Test func graphFromAnnotationsEqualsTheRunsGraph() throws {
        let out = Repo.tempDir()
        #expect(try zhitu(["run", "--output", out.path, "--quiet"]).status == 0)
        let rebuilt = out.appendingPathComponent("rebuilt")
        let r = try zhitu(["graph", "--from", out.appendingPathComponent("annotations.jsonl").path, "--output", rebuilt.path, "--format", "graph", "--name", "zhitu-default"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: rebuilt.appendingPathComponent("graph.json")) == Data(contentsOf: out.appendingPathComponent("graph.json")))
    }
}
