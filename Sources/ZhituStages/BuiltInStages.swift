// The registry of the stages built into zhitu; `generatedStageTypes` comes from the plugin.
import ZhituCore

public extension StageRegistry {
    /// Every stage module this target depends on (see Package.swift `stageModules`).
    static let builtIn = StageRegistry(generatedStageTypes)
}
