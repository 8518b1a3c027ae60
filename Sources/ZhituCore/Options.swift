// Stage options: declared with a type and a default, validated from pipeline.json.

/// A typed option value.
public enum OptionValue: Sendable, Equatable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case strings([String])

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .bool(let v): return String(v)
        case .string(let v): return jsonQuoted(v)
        case .strings(let v): return "[" + v.map(jsonQuoted).joined(separator: ", ") + "]"
        }
    }

    /// The value as a JSON-compatible object, for printing the effective config.
    public var jsonObject: Any {
        switch self {
        case .int(let v): return v
        case .double(let v): return v
        case .bool(let v): return v
        case .string(let v): return v
        case .strings(let v): return v
        }
    }
}

func jsonQuoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// One declared option of a stage.
public struct OptionSpec: Sendable {
    public enum Kind: String, Sendable { case int = "an integer", double = "a number", bool = "a boolean", string = "a string", strings = "a list of strings" }
    public var name: String
    public var kind: Kind
    public var defaultValue: OptionValue
    public var help: String
    /// Allowed values for a string option, or allowed elements of a list.
    public var choices: [String]?
    /// Inclusive bounds for numeric options.
    public var range: ClosedRange<Double>?

    public init(_ name: String, _ kind: Kind, default defaultValue: OptionValue, help: String,
                choices: [String]? = nil, range: ClosedRange<Double>? = nil) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
        self.choices = choices
        self.range = range
    }
}

/// The effective options of one stage instance: defaults merged with the config.
public struct StageOptions: Sendable {
    public var values: [String: OptionValue]
    public init(_ values: [String: OptionValue] = [:]) { self.values = values }

    /// Defaults of `specs` merged with `overrides`.
    public init(specs: [OptionSpec], overrides: [String: OptionValue] = [:]) {
        var v: [String: OptionValue] = [:]
        for s in specs { v[s.name] = s.defaultValue }
        for (k, x) in overrides { v[k] = x }
        values = v
    }

    public func int(_ name: String) -> Int {
        switch values[name] { case .int(let v)?: return v; case .double(let d)?: return Int(clamping: d); default: return 0 }
    }
    public func double(_ name: String) -> Double {
        switch values[name] { case .double(let v)?: return v; case .int(let v)?: return Double(v); default: return 0 }
    }
    public func bool(_ name: String) -> Bool {
        if case .bool(let v)? = values[name] { return v }
        return false
    }
    public func string(_ name: String) -> String {
        if case .string(let v)? = values[name] { return v }
        return ""
    }
    public func strings(_ name: String) -> [String] {
        if case .strings(let v)? = values[name] { return v }
        return []
    }
}

extension Int {
    /// `d` toward zero, held to Int's range (NaN is 0): a conversion that cannot trap, for
    /// numbers read from files.
    public init(clamping d: Double) {
        if d.isNaN { self = 0 } else if d >= 0x1p63 { self = .max } else if d <= -0x1p63 { self = .min } else { self = Int(d) }
    }
}
