// The registry of the stages built into zhitu; `generatedStageTypes` comes from the plugin.
import StageEntities
import ZhituCore

public extension StageRegistry {
    /// Every stage and writer module this target depends on (Package.swift `stageModules`, `outputModules`).
    static let builtIn: StageRegistry = {
        // A graph built without running the entities stage (`zhitu graph --from`) places its
        // places on the built-in gazetteer, as a run does; the stage registers its own.
        if let url = EntitiesStage.builtInGazetteer { AdminTree.registerDefault(url) }
        return StageRegistry(generatedStageTypes, writers: generatedOutputWriterTypes)
    }()
}
