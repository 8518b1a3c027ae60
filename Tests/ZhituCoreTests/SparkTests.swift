// The Spark example in local mode gives the same records as `zhitu run` on the same files.
import Foundation
import Testing
import ZhituCore

@Suite struct SparkTests {
    @Test func sparkLocalModeMatchesZhituRun() throws {
        let probe = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import pyspark, shutil, sys; sys.exit(0 if shutil.which('java') else 3)"])
        guard probe.status == 0 else {
            print("skipped: Spark local mode needs python3 with pyspark and a Java runtime (.ci/run installs them where it can)")
            return
        }
        let out = Repo.tempDir()
        #expect(try zhitu(["run", "--output", out.appendingPathComponent("run").path, "--quiet"]).status == 0)
        let spark = out.appendingPathComponent("spark")
        let r = try run(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", Repo.root.appendingPathComponent("Examples/spark/zhitu_spark.py").path, Repo.corpus.path,
            "--zhitu", Repo.zhitu.path, "--config", Repo.root.appendingPathComponent("pipeline.json").path,
            "--master", "local[2]", "--partitions", "2", "--output", spark.path,
        ])
        #expect(r.status == 0, "\(r.stderr.suffix(2000))")
        // records per document, in order; document lines differ only in the path
        func byDoc(_ text: String) -> [String: [Substring]] {
            Dictionary(grouping: text.split(separator: "\n").filter { !$0.contains("\"kind\":\"document\"") && !$0.contains("\"kind\":\"run\"") }) { line in
                String(line.split(separator: "\"", maxSplits: 4).dropFirst(3).first ?? "")
            }
        }
        let expected = byDoc(try String(contentsOf: out.appendingPathComponent("run/annotations.jsonl"), encoding: .utf8))
        let parts = try FileManager.default.contentsOfDirectory(atPath: spark.appendingPathComponent("annotations").path).filter { $0.hasPrefix("part-") }.sorted()
        let got = byDoc(try parts.map { try String(contentsOf: spark.appendingPathComponent("annotations/\($0)"), encoding: .utf8) }.joined())
        #expect(got.count == 5)
        #expect(got == expected)
        #expect(FileManager.default.fileExists(atPath: spark.appendingPathComponent("graph.json").path))
    }
}
