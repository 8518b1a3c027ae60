// External stages: the JSON Lines protocol through the real pipeline, and every way a child
// can fail giving a clear error instead of a hang or a crash.
import Foundation
import Testing
import ZhituCore

@Suite(.serialized) struct ExternalStageTests {
    static let text = ["read", "normalize", "sentences", "segment"].map { "{\"use\": \"\($0)\"}" }.joined(separator: ", ")

    /// Writes a config with one external stage after the text stages; returns its path.
    func config(_ dir: URL, _ stage: String) throws -> String {
        let path = dir.appendingPathComponent("pipeline.json")
        try "{\"input\": \"\(Repo.corpus.path)\", \"output\": \"out\", \"stages\": [\(Self.text), \(stage)], \"outputs\": [\"annotations\"]}"
            .write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// A Python stage that describes itself, then misbehaves as `mode` says on its first document.
    func badStage(_ dir: URL, mode: String) throws {
        let script = """
        import json, os, signal, sys, time
        for line in sys.stdin:
            req = json.loads(line)
            if req["type"] == "describe":
                print(json.dumps({"type": "describe", "version": "1", "requires": ["tokens"], "produces": ["bad"],
                                  "options": {"depth": {"type": "integer", "default": 1}}}), flush=True)
                continue
            mode = "\(mode)"
            if mode == "exit": sys.exit(3)
            if mode == "hang": time.sleep(60)
            if mode == "garbage": print("this is not json", flush=True)
            if mode == "stubborn":
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                open("pids", "a").write(str(os.getpid()) + "\\n")
                time.sleep(60)
            if mode == "flood":
                chunk = "x" * (1 << 20)
                for _ in range(80): sys.stdout.write(chunk)
                sys.stdout.flush()
                time.sleep(60)
            if mode == "document":
                docs = [{"id": d["id"], "annotations": [{"kind": "document", "start": 0, "end": 1, "text": "forged"}]} for d in req["documents"]]
                print(json.dumps({"type": "result", "documents": docs}), flush=True)
            if mode == "range":
                docs = [{"id": d["id"], "annotations": [{"kind": "bad", "start": 0, "end": len(d["text"]) + 5}]} for d in req["documents"]]
                print(json.dumps({"type": "result", "documents": docs}), flush=True)
        """
        try script.write(to: dir.appendingPathComponent("bad.py"), atomically: true, encoding: .utf8)
    }

    @Test func pythonExampleRunsThroughThePipeline() throws {
        let dir = Repo.tempDir()
        let cfg = try config(dir, #"{"name": "keywords", "use": "external", "command": ["python3", "\#(Repo.root.path)/Examples/external/keywords.py"], "options": {"top_k": 3}}"#)
        let r = try zhitu(["run", cfg, "--quiet"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // documents go in batches: fewer requests than documents
        let requests = r.stderr.split(separator: "\n").filter { $0.hasPrefix("[keywords] keywords: ") }
        #expect(!requests.isEmpty && requests.count < 5)
        let lines = try String(contentsOf: dir.appendingPathComponent("out/annotations.jsonl"), encoding: .utf8).split(separator: "\n")
        let keywords = lines.filter { $0.contains("\"kind\":\"keyword\"") }
        #expect(keywords.count >= 5 && keywords.count <= 15)
        // offsets point at the keyword in the original file
        for k in keywords {
            let obj = try JSONSerialization.jsonObject(with: Data(k.utf8)) as! [String: Any]
            let orig = Array(try String(contentsOf: Repo.corpus.appendingPathComponent("\(obj["doc"]!).txt"), encoding: .utf8).unicodeScalars)
            var span = String.UnicodeScalarView()
            span.append(contentsOf: orig[(obj["start"] as! Int)..<(obj["end"] as! Int)])
            #expect(TextNormal.recordText(String(span)) == obj["text"] as! String)
        }
    }

    @Test func describeIsValidatedBeforeAnyDocument() throws {
        let dir = Repo.tempDir()
        try badStage(dir, mode: "exit")
        let cfg = try config(dir, #"{"use": "external", "command": ["python3", "bad.py"], "options": {"dept": 2}}"#)
        let r = try zhitu(["check", cfg], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("stages[4].options.dept: unknown option of stage external; did you mean depth?"))
        let noCommand = try config(dir, #"{"use": "external"}"#)
        #expect(try zhitu(["check", noCommand], cwd: dir).stderr.contains("stages[4].command: an external stage needs \"command\""))
        let missing = try config(dir, #"{"use": "external", "command": ["no-such-program-zhitu"]}"#)
        let m = try zhitu(["check", missing], cwd: dir)
        #expect(m.status == 2 && m.stderr.contains("stages[4].command: external stage external:"))
    }

    @Test(arguments: [("exit", "exited"), ("hang", "no answer within 1 s"), ("garbage", "invalid answer"), ("range", "is outside the text"), ("document", "annotation kind document is reserved for zhitu's own records"),
                       ("stubborn", "no answer within 1 s"), ("flood", "answered more than 64 MB without a line end")])
    func failingChildGivesAClearErrorPerDocument(mode: String, message: String) throws {
        let dir = Repo.tempDir()
        try badStage(dir, mode: mode)
        // only the hanging child should meet the timeout, however slow the machine starts Python
        let timeout = mode == "hang" || mode == "stubborn" ? 1 : 60
        let cfg = try config(dir, #"{"name": "flaky", "use": "external", "command": ["python3", "bad.py"], "timeout": \#(timeout)}"#)
        let start = Date()
        let r = try zhitu(["run", cfg, "--quiet", "--jobs", "2"], cwd: dir)
        #expect(r.status == 1)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains("external stage flaky") }
        #expect(errors.count == 5, "\(r.stderr)")
        #expect(errors.allSatisfy { $0.contains(message) }, "\(r.stderr)")
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/.annotations.jsonl.tmp").path))
        // a child that ignores SIGTERM is killed, not left as an orphan
        if mode == "stubborn" {
            let pids = try String(contentsOf: dir.appendingPathComponent("pids"), encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
            #expect(!pids.isEmpty)
            for pid in pids { #expect(kill(pid, 0) != 0, "child \(pid) still runs") }
        }
    }
}
