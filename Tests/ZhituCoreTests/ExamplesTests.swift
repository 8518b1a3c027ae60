// Every shell example of README.md and of `zhitu help <command>` runs as pasted, against the
// shipped pipeline.json and corpus/ in a scratch copy, so an example that fails or no longer
// matches what zhitu prints fails here.
//
// The convention (README.md "Examples in this README"):
// - Every fence has a language. ```sh blocks are shell examples; other languages are not run.
// - In a ```sh block, lines starting with `$ ` are commands and the lines after one (up to the
//   next) its expected output: each must equal a line zhitu printed (stdout and stderr), in
//   order, where `…` stands for any text. A block without `$ ` lines is commands only.
//   A command ending in `\` or opening a here-document (`<<'EOF'`) continues on the next lines.
// - `<!-- not run: REASON -->` on the line before a fence skips that block, for the reason given.
// - `swift run -c release zhitu` and `.build/release/zhitu` run the zhitu under test.
// - Help examples are the lines after `Example:`/`Examples:` up to a blank line; they run in
//   a folder where `zhitu run` has written out/, as their texts assume. `helpNotRun` lists the
//   commands whose examples are not run, with the reason.
// - An example that uses ../shared runs when ../shared is beside the repository.
import Foundation
import Testing

@Suite(.serialized) struct ExamplesTests {
    struct Command { var text: String; var expected: [String] }
    struct Example { var origin: String; var commands: [Command]; var notRun: String? }

    /// Subcommands whose help examples the tests do not run.
    static let helpNotRun = [
        "train": "trains the tagger for minutes over ../shared/datasets (DEVELOPERS.md \"Resources\")",
        "bench": "measures throughput over ../shared/corpus-extra (CLITests runs `zhitu bench` on corpus/)",
    ]

    // MARK: parsing

    /// The fenced examples of a Markdown text, and the problems of its fences.
    static func markdownExamples(_ text: String, file: String) -> (examples: [Example], problems: [String]) {
        let lines = text.components(separatedBy: "\n")
        var examples: [Example] = [], problems: [String] = []
        var i = 0
        while i < lines.count {
            let t = lines[i].trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("```") else { i += 1; continue }
            let lang = String(t.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            let open = i
            var body: [String] = []
            i += 1
            while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) != "```" { body.append(lines[i]); i += 1 }
            i += 1
            if lang.isEmpty { problems.append("\(file):\(open + 1): a fence without a language; tag it (sh, json, text …)"); continue }
            guard lang == "sh" else { continue }
            var notRun: String?
            if open > 0, let r = lines[open - 1].range(of: #"^\s*<!-- not run: (.*) -->\s*$"#, options: .regularExpression) {
                let inner = lines[open - 1][r].replacingOccurrences(of: #"^\s*<!-- not run: "#, with: "", options: .regularExpression)
                notRun = inner.replacingOccurrences(of: #"\s*-->\s*$"#, with: "", options: .regularExpression)
                if notRun!.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(file):\(open): `not run` needs a reason") }
            }
            let indent = body.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " }.count } ?? 0
            let dedented = body.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
            examples.append(Example(origin: "\(file):\(open + 1)", commands: commands(dedented, prompted: dedented.contains { $0.hasPrefix("$ ") }), notRun: notRun))
        }
        return (examples, problems)
    }

    /// Commands (with their expected output) of an example's lines.
    static func commands(_ lines: [String], prompted: Bool) -> [Command] {
        var out: [Command] = []
        var i = 0
        while i < lines.count {
            var line = lines[i]
            i += 1
            if prompted {
                guard line.hasPrefix("$ ") else {
                    if !line.isEmpty, !out.isEmpty { out[out.count - 1].expected.append(line) }
                    continue
                }
                line.removeFirst(2)
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            var text = line
            // continuation lines and here-documents belong to the command
            while text.hasSuffix("\\"), i < lines.count { text += "\n" + lines[i]; i += 1 }
            if let r = text.range(of: #"<<-?'?([A-Za-z_]+)'?\s*$"#, options: .regularExpression) {
                let word = text[r].trimmingCharacters(in: CharacterSet(charactersIn: "<-' "))
                while i < lines.count { text += "\n" + lines[i]; i += 1; if lines[i - 1] == word { break } }
            }
            out.append(Command(text: text, expected: []))
        }
        return out
    }

    /// The examples of a help text: lines after `Example:`/`Examples:` up to a blank line.
    static func helpExamples(_ help: String, command: String) -> (commands: [Command], problems: [String]) {
        var lines: [String] = [], inside = false, problems: [String] = []
        for l in help.components(separatedBy: "\n") {
            if l == "Example:" || l == "Examples:" { inside = true; continue }
            if inside && l.trimmingCharacters(in: .whitespaces).isEmpty { inside = false; continue }
            guard inside else { continue }
            // an example starts with "  zhitu" (or "  swift run -c release zhitu"); a line of its own continues one ending in `\`
            if l.hasPrefix("  zhitu ") || l == "  zhitu" || l.hasPrefix("  swift run -c release zhitu ") {
                lines.append(String(l.dropFirst(2)))
            } else if l.hasPrefix("    "), lines.last?.hasSuffix("\\") == true {
                lines.append(String(l.dropFirst(2)))
            } else {
                problems.append("zhitu help \(command): example line wrapped or not a command: \(l)")
            }
        }
        return (commands(lines, prompted: false), problems)
    }

    /// Whether `line` matches `pattern`, where `…` stands for any text.
    static func matches(_ line: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "…")
        guard parts.count > 1 else { return line == pattern }
        guard line.hasPrefix(parts[0]), line.hasSuffix(parts.last!), line.count >= parts[0].count + parts.last!.count else { return false }
        var rest = Substring(line.dropFirst(parts[0].count).dropLast(parts.last!.count))
        for p in parts.dropFirst().dropLast() where !p.isEmpty {
            guard let r = rest.range(of: p) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    // MARK: running

    static let shared = Repo.root.deletingLastPathComponent().appendingPathComponent("shared")
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("gold").path) }

    /// A scratch folder holding what the examples use (pipeline.json, corpus/, Examples/),
    /// with ../shared linked beside it when there is one, and `bin/zhitu` for PATH.
    static func scratch() throws -> URL {
        let top = Repo.tempDir()
        let dir = top.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for item in ["pipeline.json", "corpus", "Examples"] {
            try FileManager.default.copyItem(at: Repo.root.appendingPathComponent(item), to: dir.appendingPathComponent(item))
        }
        if hasShared { try FileManager.default.createSymbolicLink(at: top.appendingPathComponent("shared"), withDestinationURL: shared) }
        let bin = top.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("zhitu"), withDestinationURL: Repo.zhitu)
        return dir
    }

    /// Runs one command with bash in `dir`; stdout and stderr together.
    static func shell(_ command: String, in dir: URL) throws -> (status: Int32, output: String) {
        let text = command.replacingOccurrences(of: "swift run -c release zhitu", with: "zhitu")
            .replacingOccurrences(of: ".build/release/zhitu", with: "zhitu")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "set -eo pipefail\n" + text]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = dir.deletingLastPathComponent().appendingPathComponent("bin").path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `commands` in order in `dir`; the failures, each naming the example.
    static func check(_ commands: [Command], origin: String, in dir: URL) throws -> [String] {
        var failures: [String] = []
        for c in commands {
            let r = try shell(c.text, in: dir)
            if r.status != 0 {
                failures.append("\(origin): `\(c.text)` exited \(r.status):\n\(r.output)")
                break
            }
            var lines = r.output.components(separatedBy: "\n")[...]
            for e in c.expected {
                guard let k = lines.firstIndex(where: { matches($0, e) }) else {
                    failures.append("\(origin): `\(c.text)` did not print\n  \(e)\nbut:\n\(r.output)")
                    break
                }
                lines = lines[(k + 1)...]
            }
        }
        return failures
    }

    static func usesShared(_ commands: [Command]) -> Bool { commands.contains { $0.text.contains("../shared") } }

    // MARK: tests

    @Test func readmeShellExamplesRunAsPasted() throws {
        let readme = try String(contentsOf: Repo.root.appendingPathComponent("README.md"), encoding: .utf8)
        let (examples, problems) = Self.markdownExamples(readme, file: "README.md")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(examples.filter { $0.notRun == nil }.count >= 2, "the README's run examples are gone")
        for ex in examples {
            if let why = ex.notRun { print("not run: \(ex.origin): \(why)"); continue }
            if Self.usesShared(ex.commands) && !Self.hasShared { print("skipped: \(ex.origin) needs ../shared"); continue }
            let failures = try Self.check(ex.commands, origin: ex.origin, in: try Self.scratch())
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test func helpExamplesRunAsPasted() throws {
        let top = try zhitu(["--help"])
        // subcommands: the indented names under SUBCOMMANDS
        let names = top.stdout.components(separatedBy: "SUBCOMMANDS:").last!.components(separatedBy: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0 != "help" }
        #expect(names.contains("run") && names.contains("eval") && names.contains("graph"))
        for stale in Self.helpNotRun.keys { #expect(names.contains(stale), "helpNotRun names \(stale), which is no command") }
        let dir = try Self.scratch()
        #expect(try Self.shell("zhitu run --quiet", in: dir).status == 0)
        var ran = 0
        for name in [""] + names {
            let help = try zhitu(name.isEmpty ? ["--help"] : ["help", name])
            let (commands, problems) = Self.helpExamples(help.stdout, command: name.isEmpty ? "(top)" : name)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            #expect(!commands.isEmpty, "zhitu help \(name) has no example")
            if let why = Self.helpNotRun[name] { print("not run: zhitu help \(name): \(why)"); continue }
            if Self.usesShared(commands) && !Self.hasShared { print("skipped: zhitu help \(name) needs ../shared"); continue }
            let failures = try Self.check(commands, origin: "zhitu help \(name)", in: dir)
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            ran += commands.count
        }
        #expect(ran >= 10)
    }

    @Test func theConventionCatchesWhatItShould() {
        let md = "```\nzhitu run\n```\n<!-- not run: slow -->\n```sh\nzhitu bench\n```\n```sh\n$ zhitu x \\\n  --y\nzhitu: 5 … in …s → out\n$ cat > a <<'EOF'\n$ not a command\nEOF\n```\n"
        let (ex, problems) = Self.markdownExamples(md, file: "t.md")
        #expect(problems == ["t.md:1: a fence without a language; tag it (sh, json, text …)"])
        #expect(ex.count == 2 && ex[0].notRun == "slow" && ex[1].notRun == nil)
        #expect(ex[1].commands.map(\.text) == ["zhitu x \\\n  --y", "cat > a <<'EOF'\n$ not a command\nEOF"])
        #expect(ex[1].commands[0].expected == ["zhitu: 5 … in …s → out"])
        #expect(Self.matches("zhitu: 5 documents in 0.45s → out", "zhitu: 5 … in …s → out"))
        #expect(!Self.matches("zhitu: 6 documents in 0.45s → out", "zhitu: 5 … in …s → out"))
        #expect(!Self.matches("zhitu: 5 documents", "zhitu: 5 documents, 3 entity"))
        let help = "Examples:\n  zhitu train --data d \\\n    --output m\n  zhitu eval g --predictions\nout/annotations.jsonl\n\nUSAGE: zhitu"
        let (cmds, wrapped) = Self.helpExamples(help, command: "t")
        #expect(cmds.map(\.text) == ["zhitu train --data d \\\n  --output m", "zhitu eval g --predictions"])
        #expect(wrapped == ["zhitu help t: example line wrapped or not a command: out/annotations.jsonl"])
    }
}
