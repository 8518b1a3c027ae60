// The command line on hostile or unlucky input: every case ends in one line on stderr and a
// non-zero exit, never a crash, and nothing given is dropped without a word.
import Foundation
import Testing
import ZhituCore

@Suite(.serialized) struct HostileInputTests {
    @Test func deeplyNestedConfigIsOneLineNotACrash() throws {
        let dir = Repo.tempDir()
        try Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
            .write(to: dir.appendingPathComponent("deep.json"))
        let r = try zhitu(["check", "deep.json"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "zhitu: deep.json: not valid JSON: line 1, column 513: nested deeper than 512 lists or objects\n")
    }

    @Test func hugeOptionValueIsAConfigErrorWithItsKeyPath() throws {
        let dir = Repo.tempDir()
        let stages = ["read", "normalize", "sentences", "segment", "slogans"].map { "{\"use\": \"\($0)\"}" }.joined(separator: ", ")
        try "{\"stages\": [\(stages), {\"use\": \"terms\", \"options\": {\"min_frequency\": 1e308}}]}"
            .write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let r = try zhitu(["check", "p.json"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("zhitu: p.json: stages[5].options.min_frequency: 1e308 is too large for an integer option"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func configWithAByteOrderMarkIsRead() throws {
        let dir = Repo.tempDir()
        let json = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"stages": [{"use": "read"}], "outputs": ["annotations"]}"#.utf8)
        try json.write(to: dir.appendingPathComponent("p.json"))
        let r = try zhitu(["check", "p.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func externalStageDefaultTooLargeIsAnError() throws {
        let dir = Repo.tempDir()
        try """
        import json, sys
        for line in sys.stdin:
            print(json.dumps({"type": "describe", "produces": ["x"], "options": {"k": {"type": "integer", "default": 1e308}}}), flush=True)
        """.write(to: dir.appendingPathComponent("s.py"), atomically: true, encoding: .utf8)
        try #"{"stages": [{"use": "read"}, {"use": "external", "command": ["python3", "s.py"]}]}"#
            .write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let r = try zhitu(["check", "p.json"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("option k: \"default\" must be an integer"), "\(r.stderr)")
    }

    @Test func exportFromAGraphWritesItsMeasurementsAndDiscourse() throws {
        let out = Repo.tempDir()
        #expect(try zhitu(["run", "--output", out.path, "--quiet", "--format", "graph,measurements,discourse"]).status == 0)
        let exported = out.appendingPathComponent("exported")
        let r = try zhitu(["export", "--from", out.appendingPathComponent("graph.json").path, "--format", "measurements,discourse", "--output", exported.path])
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["measurements.csv", "discourse.csv"] {
            let run = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
            #expect(run.components(separatedBy: "\r\n").count > 10)
            #expect(try String(contentsOf: exported.appendingPathComponent(f), encoding: .utf8) == run, "\(f)")
        }
    }

    /// Runs `zhitu` as user nobody when the tests run as root (who reads any folder), so
    /// that a folder without permissions is unreadable.
    func zhituUnprivileged(_ args: [String], cwd: URL) throws -> CommandResult {
        guard getuid() == 0 else { return try zhitu(args, cwd: cwd) }
        return try run(URL(fileURLWithPath: "/usr/bin/setpriv"),
                       ["--reuid=65534", "--regid=65534", "--clear-groups", Repo.zhitu.path] + args, cwd: cwd)
    }

    @Test func symlinkedFoldersAreFollowedOnceAndUnreadableOnesNamed() throws {
        let dir = Repo.tempDir()
        let fm = FileManager.default
        let text = "本报记者 王 晶\n\n全面落实总体国家安全观，深化“十个一”工作。\n"
        let real = dir.appendingPathComponent("elsewhere/region")
        try fm.createDirectory(at: real, withIntermediateDirectories: true)
        try text.write(to: real.appendingPathComponent("linked.txt"), atomically: true, encoding: .utf8)
        let input = dir.appendingPathComponent("input")
        try fm.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try text.write(to: input.appendingPathComponent("sub/plain.txt"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: input.appendingPathComponent("region").path, withDestinationPath: real.path)
        // a loop: input/sub/up → input
        try fm.createSymbolicLink(atPath: input.appendingPathComponent("sub/up").path, withDestinationPath: input.path)
        let locked = input.appendingPathComponent("locked")
        try fm.createDirectory(at: locked, withIntermediateDirectories: true)
        try text.write(to: locked.appendingPathComponent("hidden.txt"), atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        defer { try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        // the output folder inside one the unprivileged run can write (the set is staged beside it)
        let writable = dir.appendingPathComponent("writable")
        let out = writable.appendingPathComponent("out")
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out.path)
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: writable.path)
        let r = try zhituUnprivileged(["run", "--input", input.path, "--output", out.path, "--quiet", "--format", "annotations"], cwd: Repo.root)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(locked.path): folder cannot be read (permission denied)"), "\(r.stderr)")
        #expect(r.stderr.contains("sub/up: symbolic link back to \(input.path); not followed"), "\(r.stderr)")
        let annotations = try String(contentsOf: out.appendingPathComponent("annotations.jsonl"), encoding: .utf8)
        #expect(annotations.contains("\"doc\":\"linked\"") && annotations.contains("\"doc\":\"plain\""))
    }

    @Test func stdinLinesWithBadIdsOrBytesAreRejectedOneLineEach() throws {
        let dir = Repo.tempDir()
        var input = Data()
        input += Data(#"{"id": "a", "text": "全面落实总体国家安全观。"}"#.utf8) + Data([0x0A])
        input += Data(#"{"id": "a", "text": "另一篇文章。"}"#.utf8) + Data([0x0A])
        input += Data(#"{"id": "", "text": "没有编号。"}"#.utf8) + Data([0x0A])
        input += Data(#"{"id": "b", "text": "坏"#.utf8) + Data([0xFF, 0xFE]) + Data("\"}\n".utf8)
        input += Data(#"{"id": "c\u0000d", "text": "控制字符。"}"#.utf8) + Data([0x0A])
        try input.write(to: dir.appendingPathComponent("in.jsonl"))
        let r = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"\(Repo.zhitu.path)\" run \"\(Repo.root.path)/pipeline.json\" --stdin-jsonl < in.jsonl"], cwd: dir)
        #expect(r.status == 1)
        let errs = r.stderr.split(separator: "\n").map(String.init)
        #expect(errs.contains("zhitu: stdin:2: document id a is already used by line 1; skipped"), "\(r.stderr)")
        #expect(errs.contains("zhitu: stdin:3: \"id\" is empty; give every document its own id"))
        #expect(errs.contains { $0.hasPrefix("zhitu: stdin:4:") && $0.contains("invalid UTF-8") })
        #expect(errs.contains("zhitu: stdin:5: \"id\" holds a control character (U+0000); use printable ids"))
        #expect(errs.last == "zhitu: 4 input lines failed; see the messages above")
        #expect(r.stdout.split(separator: "\n").filter { $0.contains("\"kind\":\"document\"") }.count == 1)
    }

    @Test func pathInputsCanBeHeldUnderARoot() throws {
        let dir = Repo.tempDir()
        let inside = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try "全面落实总体国家安全观。".write(to: inside.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "秘密。".write(to: dir.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: inside.appendingPathComponent("link.txt").path, withDestinationPath: dir.appendingPathComponent("secret.txt").path)
        let lines = [("a", inside.appendingPathComponent("a.txt").path), ("b", dir.appendingPathComponent("secret.txt").path),
                     ("c", inside.appendingPathComponent("../secret.txt").path), ("d", inside.appendingPathComponent("link.txt").path)]
        let input = lines.map { #"{"id": "\#($0.0)", "path": "\#($0.1)"}"# }.joined(separator: "\n") + "\n"
        try input.write(to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
        let r = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"\(Repo.zhitu.path)\" run \"\(Repo.root.path)/pipeline.json\" --stdin-jsonl --path-root articles < in.jsonl"], cwd: dir)
        #expect(r.status == 1)
        for n in 2...4 { #expect(r.stderr.contains("stdin:\(n): document") && r.stderr.contains("is outside --path-root")) }
        #expect(r.stderr.split(separator: "\n").filter { $0.contains("is outside --path-root") }.count == 3)
        #expect(r.stdout.contains("\"doc\":\"a\"") && !r.stdout.contains("\"doc\":\"b\""))
        let help = try zhitu(["help", "run"])
        #expect(help.stdout.contains("--path-root") && help.stdout.contains("any file this process"))
    }

    @Test func graphFromAFileWithTwoDocumentsUnderOneIdFails() throws {
        let dir = Repo.tempDir()
        let lines = [#"{"doc":"a","kind":"document","path":"x.txt","characters":3}"#, #"{"doc":"a","kind":"document","path":"y.txt","characters":4}"#]
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let r = try zhitu(["graph", "--from", "a.jsonl", "--output", "out", "--format", "graph"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "zhitu: a.jsonl:2: document a again (first at line 1); two documents with one id\n")
    }

    @Test func outputAndModelProblemsAreOneLineInWords() throws {
        let dir = Repo.tempDir()
        let file = dir.appendingPathComponent("taken")
        try Data().write(to: file)
        let r = try zhitu(["run", "--output", file.path, "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr == "zhitu: \(file.path): is a file, not a folder; choose another output folder\n")
        let locked = dir.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        let inside = try zhituUnprivileged(["run", "\(Repo.root.path)/pipeline.json", "--output", locked.appendingPathComponent("out").path, "--quiet"], cwd: dir)
        #expect(inside.stderr == "zhitu: \(locked.path)/out: cannot create the folder (permission denied)\n")
        let into = try zhituUnprivileged(["run", "\(Repo.root.path)/pipeline.json", "--output", locked.path, "--quiet"], cwd: dir)
        #expect(into.status == 1)
        #expect(into.stderr == "zhitu: \(locked.path): cannot write into this folder (permission denied)\n")
        // A writable folder in one that is not: the set could not be staged beside it and
        // swapped in whole, so the run stops before any work.
        let open = locked.appendingPathComponent("open")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path)
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: open.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        let beside = try zhituUnprivileged(["run", "\(Repo.root.path)/pipeline.json", "--output", open.path, "--quiet"], cwd: dir)
        #expect(beside.status == 1)
        #expect(beside.stderr == "zhitu: \(open.path): its parent folder \(locked.path) is not writable, so the new output set cannot be swapped in whole; choose an output folder inside a folder you can write\n")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: open.path)) == [])
        try #"{"stages": [{"use": "read"}, {"use": "normalize"}, {"use": "sentences"}, {"use": "segment"}, {"use": "ner", "options": {"model": "/dev/zero"}}]}"#
            .write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let device = try zhitu(["check", "p.json"], cwd: dir)
        #expect(device.status == 2)
        #expect(device.stderr == "zhitu: p.json: stages[4]: stage ner cannot start: /dev/zero: is not a regular file (a device, pipe or socket)\n")
    }
}
