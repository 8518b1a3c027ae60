// End to end on the seeds: the shipped pipeline.json over corpus/, scored against the gold
// with the scorer (which agrees with score.py), must hold the bars of the extraction issues.
import Foundation
import Testing
import ZhituCore
import ZhituStages

/// The shipped pipeline.json run over `inputs`, scored against the gold files (nil when a file is missing).
func shippedPipelineScore(inputs: [String], gold: [URL]) -> ScoreReport? {
    guard let cfg = try? PipelineConfig.load(path: Repo.root.appendingPathComponent("pipeline.json").path, registry: .builtIn),
          let pipeline = try? Pipeline(config: cfg, registry: .builtIn),
          let result = try? pipeline.run(InputFiles.collect(inputs).files) else { return nil }
    var golds: [ScoredRecord] = []
    for file in gold {
        guard let g = try? Scorer.load(file.path) else { return nil }
        golds += g
    }
    let predicted = result.documents.flatMap { d in d.records.map { ScoredRecord(annotation: $0, doc: d.id) } }
    return Scorer.score(gold: golds, predicted: predicted)
}

@Suite struct SeedScoreTests {
    static let report: ScoreReport? = {
        let gold = Repo.root.appendingPathComponent("Tests/ZhituCoreTests/Fixtures/gold")
        return shippedPipelineScore(inputs: [Repo.corpus.path],
                                    gold: ["entities", "numbers", "discourse"].map { gold.appendingPathComponent("seeds.\($0).jsonl") })
    }()

    func f1(_ group: String) throws -> Double { try #require(Self.report?.groups[group]).f1 }

    @Test func entitiesAndRelations() throws {
        #expect(try f1("entity") >= 0.92)
        for type in ["PER", "LOC", "ORG", "TITLE"] { #expect(try f1("entity.\(type)") >= 0.85, "\(type)") }
        #expect(try f1("relation") >= 0.85)
    }

    @Test func numbers() throws {
        #expect(try f1("number") >= 0.92)
        #expect(try #require(Self.report?.valueAccuracy) >= 0.95)
    }

    @Test func slogansAndTerms() throws {
        #expect(try f1("slogan") >= 0.85)
        // 0.92 before issue 15: the slogan lexicon then held seed strings; built from train and the
        // corpora only, the seeds score lenient 0.898 (issue 15's bar for the seeds: 0.80).
        #expect(try #require(Self.report?.lenient["slogan"]).f1 >= 0.88)
        // Issue 15: the glossary is national vocabulary built from train and corpus statistics, no
        // longer a hand list fitted to the seeds, so the seed bar for terms is lower.
        #expect(try f1("term") >= 0.65)
        #expect(try #require(Self.report?.lenient["term"]).f1 >= 0.70)
    }
}
