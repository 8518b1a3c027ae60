// End to end on the development set (../shared/gold/dev, 24 articles the rules were not written
// from): the shipped pipeline must keep the bars the extraction issues reached there. The set
// lives beside the repository, not in it; without it these tests say so and skip.
import Foundation
import Testing
import ZhituCore
import ZhituStages

@Suite struct DevScoreTests {
    static let dev = Repo.root.deletingLastPathComponent().appendingPathComponent("shared/gold/dev")
    static let available = FileManager.default.fileExists(atPath: dev.appendingPathComponent("texts").path)
    static let report: ScoreReport? = available
        ? shippedPipelineScore(inputs: [dev.appendingPathComponent("texts").path],
                               gold: ["entities", "numbers", "discourse"].map { dev.appendingPathComponent("dev.\($0).jsonl") })
        : nil

    func f1(_ group: String) throws -> Double { try #require(Self.report?.groups[group]).f1 }

    @Test(.enabled(if: available, "../shared/gold/dev is not beside the repository"))
    func entitiesAndRelations() throws {
        #expect(try f1("entity") >= 0.85)
        for type in ["PER", "LOC", "ORG", "TITLE"] { #expect(try f1("entity.\(type)") >= 0.75, "\(type)") }
        #expect(try f1("relation") >= 0.78)
    }

    @Test(.enabled(if: available, "../shared/gold/dev is not beside the repository"))
    func slogansAndTerms() throws {
        // issue 15 reached 0.714 (learned quote model, lexicon from train and the corpora), then
        // 0.764 (glossary terms are no slogans, recurring 、-formulas, quote chains and shapes), then
        // 0.792 (from-to states, lists of quotes decided together)
        #expect(try f1("slogan") >= 0.78)
        // and 0.626 for terms (glossary built by scripts/build-glossary.py), then 0.642 (charge names)
        #expect(try f1("term") >= 0.63)
    }

    /// Issue 16: numbers on unseen articles (page stamps, clock times, decades, pairs, lone days …).
    @Test(.enabled(if: available, "../shared/gold/dev is not beside the repository"))
    func numbers() throws {
        #expect(try f1("number") >= 0.95)
        #expect(try #require(Self.report?.valueAccuracy) >= 0.97)
    }
}
