// Output files are replaced whole or not at all.
import Foundation
import Testing
import ZhituCore

@Suite struct AtomicFileTests {
    struct Interrupted: Error {}

    @Test func failedWriteLeavesThePreviousFileInPlace() throws {
        let dir = Repo.tempDir()
        let path = dir.appendingPathComponent("graph.json").path
        try AtomicFile.write("good\n", to: path)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: path) { file in
                try file.write(contentsOf: Data("half a fi".utf8))
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "good\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["graph.json"])
    }

    @Test func writeReplacesAndCreatesFolders() throws {
        let path = Repo.tempDir().appendingPathComponent("a/b/out.txt").path
        try AtomicFile.write("one", to: path)
        try AtomicFile.write("two", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
    }
}
