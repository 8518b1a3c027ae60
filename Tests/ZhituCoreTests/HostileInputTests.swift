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
}
