// The registry of the stages built into zhitu; `generatedStageTypes` comes from the plugin.
import ZhituCore

public extension StageRegistry {
    /// Every stage and writer module this target depends on (Package.swift `stageModules`, `outputModules`).
    static let builtIn = StageRegistry(generatedStageTypes, writers: generatedOutputWriterTypes)
}
