// pipeline.json: parsed into typed values and validated completely, with key paths in errors.
import Foundation

/// One configuration error, printed as `file: key.path: message`.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var path: String
    public var message: String
    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }
    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

/// Several configuration errors found in one pass.
public struct ConfigErrors: Error, CustomStringConvertible {
    public var errors: [ConfigError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A stage entry of pipeline.json with its options merged over the stage's defaults.
public struct StageConfig: Sendable {
    public var name: String
    public var use: String
    public var options: StageOptions
    /// Set for `"use": "external"` stages: the command and what it described itself as.
    public var external: ExternalSpec? = nil
}

/// The validated pipeline.
public struct PipelineConfig: Sendable {
    public var name: String
    public var input: [String]
    public var output: String
    public var stages: [StageConfig]
    public var outputs: [String]
    /// The config file, as given, for messages.
    public var file: String
    /// The config file's folder: relative paths in it resolve against this.
    public var baseDirectory: URL

    /// Loads and validates `path`. Throws `ConfigErrors` listing every problem found.
    public static func load(path: String, registry: StageRegistry) throws -> PipelineConfig {
        let url = URL(fileURLWithPath: path)
        let bytes: [UInt8]
        do { bytes = try ReadableFile.bytes(path) } catch let e as FileProblem {
            let why = e.reason == "no such file" ? "no such file; pass a pipeline.json path or run from the folder that holds one" : e.reason
            throw ConfigErrors(errors: [ConfigError(file: path, path: "", message: why)])
        }
        return try parse(bytes, file: path, baseDirectory: url.deletingLastPathComponent(), registry: registry)
    }

    /// Parses and validates config text.
    public static func parse(_ bytes: [UInt8], file: String, baseDirectory: URL, registry: StageRegistry) throws -> PipelineConfig {
        let json: JSONValue
        do { json = try JSONValue.parse(bytes) } catch let e as JSONSyntaxError {
            throw ConfigErrors(errors: [ConfigError(file: file, path: "", message: "not valid JSON: \(e)")])
        }
        var v = Validator(file: file, registry: registry, baseDirectory: baseDirectory)
        let config = v.validate(json, baseDirectory: baseDirectory)
        if !v.errors.isEmpty { throw ConfigErrors(errors: v.errors) }
        return config
    }

    /// The default pipeline: every registered stage but examples, ordered so that each one's requirements
    /// are produced before it.
    public static func defaultStages(_ registry: StageRegistry) -> [String] {
        var produced = Set<Layer>()
        // an external stage needs a command, so it only runs where a config names it
        var remaining = registry.types.map { $0.descriptor }.filter { $0.use != ExternalStage.descriptor.use && $0.inDefaultPipeline }
        var order: [String] = []
        while !remaining.isEmpty {
            guard let i = remaining.firstIndex(where: { Set($0.requires).isSubset(of: produced) }) else { break }
            let d = remaining.remove(at: i)
            order.append(d.use)
            produced.formUnion(d.produces)
        }
        return order
    }

    /// The effective config with all defaults, as pretty JSON.
    public func effectiveJSON(registry: StageRegistry) -> String {
        let stageObjects: [[String: Any]] = stages.map { s in
            var opts: [String: Any] = [:]
            for (k, v) in s.options.values { opts[k] = v.jsonObject }
            var o: [String: Any] = ["name": s.name, "use": s.use, "options": opts]
            if let e = s.external { o["command"] = e.command; o["timeout"] = e.timeout }
            return o
        }
        let obj: [String: Any] = ["name": name, "input": input, "output": output, "stages": stageObjects, "outputs": outputs]
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

private struct Validator {
    let file: String
    let registry: StageRegistry
    let baseDirectory: URL
    var errors: [ConfigError] = []

    mutating func fail(_ path: String, _ message: String) {
        errors.append(ConfigError(file: file, path: path, message: message))
    }

    mutating func unknownKey(_ path: String, _ key: String, allowed: [String]) {
        let s = suggestions(for: key, in: allowed)
        fail(path.isEmpty ? key : "\(path).\(key)",
             "unknown key" + (s.isEmpty ? "; allowed: \(allowed.joined(separator: ", "))" : "; did you mean \(s[0])?"))
    }

    mutating func string(_ v: JSONValue?, _ path: String, default d: String) -> String {
        guard let v else { return d }
        if case .string(let s) = v, !s.isEmpty { return s }
        fail(path, "expected a non-empty string, got \(v.shortDescription)")
        return d
    }

    mutating func strings(_ v: JSONValue?, _ path: String, default d: [String]) -> [String] {
        guard let v else { return d }
        if case .string(let s) = v { return [s] }
        guard case .array(let items) = v else { fail(path, "expected a string or a list of strings, got \(v.shortDescription)"); return d }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if case .string(let s) = item { out.append(s) } else { fail("\(path)[\(i)]", "expected a string, got \(item.shortDescription)") }
        }
        return out
    }

    mutating func validate(_ json: JSONValue, baseDirectory: URL) -> PipelineConfig {
        var config = PipelineConfig(name: "zhitu", input: ["corpus"], output: "out", stages: [], outputs: registry.outputFormats,
                                    file: file, baseDirectory: baseDirectory)
        guard case .object(let pairs) = json else {
            fail("", "expected a JSON object at the top, got \(json.shortDescription)")
            return config
        }
        let topKeys = ["name", "input", "output", "stages", "outputs"]
        for (k, _) in pairs where !topKeys.contains(k) { unknownKey("", k, allowed: topKeys) }
        config.name = string(json["name"], "name", default: config.name)
        config.input = strings(json["input"], "input", default: config.input)
        config.output = string(json["output"], "output", default: config.output)
        config.outputs = strings(json["outputs"], "outputs", default: config.outputs)
        for (i, o) in config.outputs.enumerated() where registry.writer(named: o) == nil {
            let s = suggestions(for: o, in: registry.outputFormats)
            fail("outputs[\(i)]", "unknown output \(jsonQuoted(o))" + (s.isEmpty ? "; known: \(registry.outputFormats.joined(separator: ", "))" : "; did you mean \(s[0])?"))
        }
        if let stagesJSON = json["stages"] {
            guard case .array(let items) = stagesJSON else {
                fail("stages", "expected a list of stages, got \(stagesJSON.shortDescription)")
                return config
            }
            config.stages = stages(items)
        } else {
            config.stages = PipelineConfig.defaultStages(registry).map { use in
                let d = registry.type(named: use)!.descriptor
                return StageConfig(name: use, use: use, options: StageOptions(specs: d.options))
            }
        }
        if config.stages.isEmpty && errors.isEmpty { fail("stages", "no stages: list at least one (see `zhitu stages`)") }
        return config
    }

    mutating func stages(_ items: [JSONValue]) -> [StageConfig] {
        var out: [StageConfig] = []
        var produced = Set<Layer>()
        var names = Set<String>()
        for (i, item) in items.enumerated() {
            let path = "stages[\(i)]"
            guard case .object(let pairs) = item else { fail(path, "expected an object with \"use\", got \(item.shortDescription)"); continue }
            guard case .string(let use)? = item["use"] else {
                fail("\(path).use", item["use"] == nil ? "missing: name the stage to run (see `zhitu stages`)" : "expected a string, got \(item["use"]!.shortDescription)")
                continue
            }
            let keys = use == "external" ? ["name", "use", "options", "command", "timeout"] : ["name", "use", "options"]
            for (k, _) in pairs where !keys.contains(k) { unknownKey(path, k, allowed: keys) }
            let name = string(item["name"], "\(path).name", default: use)
            let d: StageDescriptor
            var external: ExternalSpec?
            if use == "external" {
                guard let spec = externalSpec(item, path: path, name: name) else { continue }
                external = spec
                d = spec.descriptor
            } else if let type = registry.type(named: use) {
                d = type.descriptor
            } else {
                let known = registry.names
                let s = suggestions(for: use, in: known)
                fail("\(path).use", "unknown stage \(jsonQuoted(use))" + (s.isEmpty ? "; known: \(known.joined(separator: ", "))" : "; did you mean \(s[0])?"))
                continue
            }
            if !names.insert(name).inserted { fail("\(path).name", "duplicate stage name \(jsonQuoted(name)); give each instance its own name") }
            var overrides: [String: OptionValue] = [:]
            if let opts = item["options"] {
                if case .object(let optPairs) = opts {
                    for (k, v) in optPairs {
                        let optPath = "\(path).options.\(k)"
                        guard let spec = d.options.first(where: { $0.name == k }) else {
                            let s = suggestions(for: k, in: d.options.map(\.name))
                            fail(optPath, "unknown option of stage \(use)" + (s.isEmpty ? (d.options.isEmpty ? "; it takes none" : "; options: \(d.options.map(\.name).joined(separator: ", "))") : "; did you mean \(s[0])?"))
                            continue
                        }
                        if let value = optionValue(v, spec, optPath) { overrides[k] = value }
                    }
                } else {
                    fail("\(path).options", "expected an object, got \(opts.shortDescription)")
                }
            }
            for req in d.requires where !produced.contains(req) {
                let by = registry.producers(of: req)
                fail(path, "stage \(use) requires \(jsonQuoted(req.rawValue)), which no earlier stage produces" + (by.isEmpty ? "" : "; put \(by.joined(separator: " or ")) before it"))
            }
            produced.formUnion(d.produces)
            out.append(StageConfig(name: name, use: use, options: StageOptions(specs: d.options, overrides: overrides), external: external))
        }
        return out
    }

    /// Checks `command` and `timeout` of an external stage and runs its describe handshake.
    mutating func externalSpec(_ item: JSONValue, path: String, name: String) -> ExternalSpec? {
        var command: [String] = []
        if case .array(let parts)? = item["command"], !parts.isEmpty {
            for (i, p) in parts.enumerated() {
                if case .string(let s) = p { command.append(s) } else { fail("\(path).command[\(i)]", "expected a string, got \(p.shortDescription)"); return nil }
            }
        } else {
            fail("\(path).command", "an external stage needs \"command\": the program and its arguments, e.g. [\"python3\", \"stage.py\"]")
            return nil
        }
        var timeout = 30.0
        if let t = item["timeout"] {
            guard case .number(let x, _) = t, x > 0, x <= ExternalSpec.maxTimeout else {
                fail("\(path).timeout", "expected seconds (a number above 0, at most \(Int(ExternalSpec.maxTimeout))), got \(t.shortDescription)")
                return nil
            }
            timeout = x
        }
        do {
            // starting an interpreter can be slow on a loaded machine: the handshake waits longer
            let d = try ExternalHandshake.describe(command: command, directory: baseDirectory, name: name, timeout: max(timeout, 30))
            return ExternalSpec(command: command, timeout: timeout, descriptor: d)
        } catch {
            fail("\(path).command", "\(error)")
            return nil
        }
    }

    mutating func optionValue(_ v: JSONValue, _ spec: OptionSpec, _ path: String) -> OptionValue? {
        let bad = { (self: inout Validator) -> OptionValue? in
            self.fail(path, "expected \(spec.kind.rawValue), got \(v.shortDescription)")
            return nil
        }
        let value: OptionValue
        switch (spec.kind, v) {
        case (.int, .number(let d, _)) where d == d.rounded():
            // 1e308 is a whole number too, but no Int: a config error, not a trap
            guard let i = Int(exactly: d) else {
                fail(path, "\(v.shortDescription) is too large for an integer option (at most \(Int.max))")
                return nil
            }
            value = .int(i)
        case (.double, .number(let d, _)): value = .double(d)
        case (.bool, .bool(let b)): value = .bool(b)
        case (.string, .string(let s)): value = .string(s)
        case (.strings, .array(let items)):
            var list: [String] = []
            for (i, item) in items.enumerated() {
                guard case .string(let s) = item else { fail("\(path)[\(i)]", "expected a string, got \(item.shortDescription)"); return nil }
                list.append(s)
            }
            value = .strings(list)
        default: return bad(&self)
        }
        if let range = spec.range {
            let x: Double? = { if case .int(let i) = value { return Double(i) }; if case .double(let d) = value { return d }; return nil }()
            if let x, !range.contains(x) {
                fail(path, "\(v.shortDescription) is out of range; expected \(fmt(range.lowerBound)) to \(fmt(range.upperBound))")
                return nil
            }
        }
        if let choices = spec.choices {
            let given: [String] = { if case .string(let s) = value { return [s] }; if case .strings(let l) = value { return l }; return [] }()
            for g in given where !choices.contains(g) {
                let s = suggestions(for: g, in: choices)
                fail(path, "\(jsonQuoted(g)) is not one of \(choices.joined(separator: ", "))" + (s.isEmpty ? "" : "; did you mean \(s[0])?"))
                return nil
            }
        }
        return value
    }

    func fmt(_ d: Double) -> String { Int(exactly: d).map(String.init) ?? String(d) }
}
