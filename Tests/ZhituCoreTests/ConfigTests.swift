// pipeline.json validation: every problem is one line with the key path at fault.
import Foundation
import Testing
import ZhituCore
import ZhituStages

@Suite struct ConfigTests {
    func errors(_ json: String) -> [String] {
        do {
            _ = try PipelineConfig.parse(Array(json.utf8), file: "pipeline.json", baseDirectory: Repo.root, registry: .builtIn)
            return []
        } catch let e as ConfigErrors {
            return e.errors.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    let prefix = #"{"stages": [{"use": "read"}, {"use": "normalize"}, {"use": "sentences"}, "#

    @Test func wrongOptionTypeGivesKeyPath() {
        #expect(errors(prefix + #"{"use": "segment", "options": {"builtin_lexicon": "yes"}}]}"#)
                == [#"pipeline.json: stages[3].options.builtin_lexicon: expected a boolean, got "yes""#])
        #expect(errors(prefix + #"{"use": "sentences", "name": "s2", "options": {"max_length": "two"}}]}"#)
                == [#"pipeline.json: stages[3].options.max_length: expected an integer, got "two""#])
    }

    @Test func misspelledOptionSuggestsTheRightOne() {
        #expect(errors(prefix + #"{"use": "segment", "options": {"lexicon": []}}]}"#)
                == ["pipeline.json: stages[3].options.lexicon: unknown option of stage segment; did you mean lexicons?"])
    }

    @Test func unknownStageSuggestsTheRightOne() {
        #expect(errors(prefix + #"{"use": "segmnet"}]}"#) == [#"pipeline.json: stages[3].use: unknown stage "segmnet"; did you mean segment?"#])
    }

    @Test func missingRequirementNamesTheProducer() {
        let e = errors(#"{"stages": [{"use": "read"}, {"use": "segment"}]}"#)
        #expect(e == [#"pipeline.json: stages[1]: stage segment requires "sentences", which no earlier stage produces; put sentences before it"#])
    }

    @Test func unknownKeysAndValuesAreRejected() {
        #expect(errors(#"{"stage": []}"#) == ["pipeline.json: stage: unknown key; did you mean stages?"])
        #expect(errors(#"{"outputs": ["grahp"]}"#) == [#"pipeline.json: outputs[0]: unknown output "grahp"; did you mean graph?"#])
        #expect(errors(prefix + #"{"use": "sentences", "name": "x", "options": {"max_length": 5}}]}"#)
                == ["pipeline.json: stages[3].options.max_length: 5 is out of range; expected 20 to 100000"])
        #expect(errors(#"{"stages": [{"use": "read"}, {"use": "read"}]}"#) == [#"pipeline.json: stages[1].name: duplicate stage name "read"; give each instance its own name"#])
    }

    @Test func hugeNumbersAreConfigErrorsWithTheKeyPath() {
        #expect(errors(prefix + #"{"use": "sentences", "name": "x", "options": {"max_length": 1e308}}]}"#)
                == ["pipeline.json: stages[3].options.max_length: 1e308 is too large for an integer option (at most \(Int.max))"])
        #expect(errors(prefix + #"{"use": "sentences", "name": "x", "options": {"max_length": 1e999}}]}"#)
                == ["pipeline.json: not valid JSON: line 1, column 134: number out of range '1e999'"])
    }

    @Test func deeplyNestedConfigIsOneError() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let e = errors(deep)
        #expect(e.count == 1 && e[0].contains("nested deeper than 512"))
    }

    @Test func invalidJSONGivesLineAndColumn() {
        #expect(errors("{\n  \"name\": \"x\",\n  \"stages\": [,]\n}") == ["pipeline.json: not valid JSON: line 3, column 14: unexpected character ','"])
    }

    @Test func defaultsAreMergedAndEveryStageRuns() throws {
        let cfg = try PipelineConfig.parse(Array("{}".utf8), file: "p.json", baseDirectory: Repo.root, registry: .builtIn)
        // every stage but the external one (it needs a command) and the tutorial example
        #expect(Set(cfg.stages.map(\.use)) == Set(StageRegistry.builtIn.names).subtracting(["external", "quotes"]))
        #expect(cfg.stages.first?.use == "read")
        let seg = cfg.stages.first { $0.use == "segment" }!
        #expect(seg.options.bool("builtin_lexicon") == true)
        #expect(cfg.outputs.contains("graph") && cfg.outputs.contains("annotations"))
    }

    @Test func shippedPipelineIsValidAndRunsEveryStage() throws {
        let cfg = try PipelineConfig.load(path: Repo.root.appendingPathComponent("pipeline.json").path, registry: .builtIn)
        #expect(Set(cfg.stages.map(\.use)) == Set(PipelineConfig.defaultStages(.builtIn)))
    }
}

@Suite struct RegistryTests {
    @Test func exampleStageIsRegisteredByUseName() throws {
        let type = try #require(StageRegistry.builtIn.type(named: "quotes"))
        #expect(type.descriptor.requires == [.sentences])
        let doc = try process("深化“十个一”工作，他说“这是一段很长很长很长很长很长的话”。", ["read", "normalize", "sentences", "quotes"])
        #expect(doc.annotations.map(\.text) == ["十个一"])
    }

    @Test func builtInStagesAndWritersAreGenerated() {
        for use in ["read", "normalize", "sentences", "segment"] { #expect(StageRegistry.builtIn.type(named: use) != nil) }
        for format in ["annotations", "graph"] { #expect(StageRegistry.builtIn.writer(named: format) != nil) }
    }
}
