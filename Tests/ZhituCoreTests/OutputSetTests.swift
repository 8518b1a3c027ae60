// The output set: written beside the target and swapped in whole, one run at a time, and a
// run killed at any point leaves the previous set or the new one, never a mix.
import Foundation
import Testing
import ZhituCore

@Suite(.serialized) struct OutputSetTests {
    func write(_ text: String, _ url: URL) throws { try text.write(to: url, atomically: false, encoding: .utf8) }
    func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }
    func hidden(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix(".") }
    }

    @Test func commitSwapsTheSetAndKeepsOtherFiles() throws {
        let dir = Repo.tempDir()
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try write("old", out.appendingPathComponent("graph.json"))
        try write("mine", out.appendingPathComponent("notes.txt"))
        let set = try OutputSet(target: out.path)
        try write("new", set.staging.appendingPathComponent("graph.json"))
        #expect(read(out.appendingPathComponent("graph.json")) == "old")   // untouched until the commit
        try set.commit()
        #expect(read(out.appendingPathComponent("graph.json")) == "new")
        #expect(read(out.appendingPathComponent("notes.txt")) == "mine")
        #expect(hidden(dir).isEmpty, "\(hidden(dir))")
    }

    @Test func aSecondSetOnTheSameFolderIsRefusedWithThePid() throws {
        let out = Repo.tempDir().appendingPathComponent("out")
        let first = try OutputSet(target: out.path)
        #expect { try OutputSet(target: out.path) } throws: { "\($0)".contains("another zhitu run (pid \(getpid())) is writing into this folder") }
        first.abandon()
        let again = try OutputSet(target: out.path)   // free once the first is done
        again.abandon()
    }

    @Test func abandonLeavesThePreviousSet() throws {
        let dir = Repo.tempDir()
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try write("old", out.appendingPathComponent("graph.json"))
        let set = try OutputSet(target: out.path)
        try write("half", set.staging.appendingPathComponent("graph.json"))
        set.abandon()
        #expect(read(out.appendingPathComponent("graph.json")) == "old")
        #expect(hidden(dir).isEmpty)
    }

    /// Folders zhitu does not write (Spark's annotations/, a user's own) are kept in the new
    /// set, which is still swapped in whole; a large tree (`--output .` in a project) is
    /// refused before any work, and nothing is touched.
    @Test func foreignFoldersAreKeptOrALargeTreeRefused() throws {
        let dir = Repo.tempDir()
        let out = dir.appendingPathComponent("out")
        let mine = out.appendingPathComponent("mine/deeper")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try write("kept", mine.appendingPathComponent("note.txt"))
        try write("old", out.appendingPathComponent("graph.json"))
        let set = try OutputSet(target: out.path)
        try write("new", set.staging.appendingPathComponent("graph.json"))
        try set.commit()
        #expect(read(out.appendingPathComponent("graph.json")) == "new")
        #expect(read(mine.appendingPathComponent("note.txt")) == "kept")

        let big = out.appendingPathComponent("Sources")
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        for i in 0...OutputSet.keptEntries { FileManager.default.createFile(atPath: big.appendingPathComponent("f\(i)").path, contents: nil) }
        #expect { try OutputSet(target: out.path) } throws: {
            "\($0)" == "\(out.path): holds folders zhitu does not write (Sources, mine) with more than \(OutputSet.keptEntries) files, which would all be linked into the new output set to swap it in whole; choose an output folder of its own"
        }
        #expect(read(out.appendingPathComponent("graph.json")) == "new")
        #expect(hidden(dir).isEmpty && hidden(out).isEmpty, "\(hidden(dir)) \(hidden(out))")
    }

    /// neo4j/ of an earlier run stays, file for file, when this run does not write it; the
    /// set is still swapped in one step (the old folder is not the new one).
    @Test func anEarlierNeo4jFolderIsKeptInTheNewSet() throws {
        let dir = Repo.tempDir()
        let out = dir.appendingPathComponent("out")
        let neo = out.appendingPathComponent("neo4j")
        try FileManager.default.createDirectory(at: neo, withIntermediateDirectories: true)
        try write("nodes", neo.appendingPathComponent("nodes.csv"))
        try write("old", out.appendingPathComponent("graph.json"))
        var before = stat()
        #expect(stat(out.path, &before) == 0)
        let set = try OutputSet(target: out.path)
        try write("new", set.staging.appendingPathComponent("graph.json"))
        try set.commit()
        #expect(read(out.appendingPathComponent("graph.json")) == "new")
        #expect(read(neo.appendingPathComponent("nodes.csv")) == "nodes")
        var after = stat()
        #expect(stat(out.path, &after) == 0 && after.st_ino != before.st_ino)   // exchanged whole
        #expect(hidden(dir).isEmpty, "\(hidden(dir))")
    }

    /// SIGTERM at several moments of a run: the folder holds the old set or the whole new
    /// one, and no staging or temporary file is left.
    @Test(arguments: [0.5, 1.5, 3.0])
    func aRunKilledLeavesOneWholeSet(after seconds: Double) throws {
        let dir = Repo.tempDir()
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let names = ["annotations.jsonl", "graph.json", "graph.sqlite", "measurements.csv"]
        for n in names { try write("old", out.appendingPathComponent(n)) }
        let p = Process()
        p.executableURL = Repo.zhitu
        p.arguments = ["run", Repo.root.appendingPathComponent("pipeline.json").path, "--output", out.path, "--quiet",
                       "--format", "annotations,graph,sqlite,measurements"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: seconds)
        p.terminate()
        p.waitUntilExit()
        let old = names.filter { read(out.appendingPathComponent($0)) == "old" }
        #expect(old.isEmpty || old.count == names.count, "a mix: \(old) old, the rest new")
        #expect(hidden(dir).isEmpty, "\(hidden(dir))")
        #expect(hidden(out).isEmpty, "\(hidden(out))")
    }
}
