// Generates the stage registry of a target from the stage modules it depends on, so that
// adding a stage never means editing a central list.
import Foundation
import PackagePlugin

@main
struct StageRegistryPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        var arguments: [String] = []
        var inputs: [URL] = []
        for dep in target.recursiveTargetDependencies {
            guard let module = dep as? SourceModuleTarget else { continue }
            let files = module.sourceFiles(withSuffix: "swift").map(\.url)
            guard !files.isEmpty else { continue }
            arguments += ["--module", module.name] + files.map(\.path)
            inputs += files
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("StageRegistry.generated.swift")
        return [.buildCommand(displayName: "Generating stage registry for \(target.name)",
                              executable: try context.tool(named: "StageRegistryGenerator").url,
                              arguments: ["--output", output.path] + arguments,
                              inputFiles: inputs, outputFiles: [output])]
    }
}
