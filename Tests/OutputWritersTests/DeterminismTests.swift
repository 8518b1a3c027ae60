// Every registered writer gives byte-identical files for the same input.
import Foundation
import Testing
import ZhituCore
import ZhituStages

@Suite struct DeterminismTests {
    @Test(arguments: StageRegistry.builtIn.writers.map { $0.format })
    func sameInputSameBytes(format: String) throws {
        let a = try write(format, Fixture.output())
        defer { try? FileManager.default.removeItem(at: a) }
        let b = try write(format, Fixture.output())
        defer { try? FileManager.default.removeItem(at: b) }
        let fa = files(a), fb = files(b)
        #expect(!fa.isEmpty)
        #expect(fa.keys.sorted() == fb.keys.sorted())
        for (k, v) in fa { #expect(fb[k] == v, "\(format): \(k) differs between two runs") }
        // no temporary files left behind
        #expect(fa.keys.allSatisfy { !$0.contains(".tmp-") && !$0.contains(".build-") }, "\(fa.keys.sorted())")
    }
}
