// Maps a `use` name to its stage type and an output name to its writer. The lists themselves
// are generated at build time by the StageRegistryPlugin from the modules a target depends on.

public struct StageRegistry: Sendable {
    public let types: [any Stage.Type]
    public let writers: [any OutputWriter.Type]

    public init(_ types: [any Stage.Type], writers: [any OutputWriter.Type] = []) {
        self.types = types.sorted { $0.descriptor.use < $1.descriptor.use }
        self.writers = writers.sorted { $0.format < $1.format }
    }

    public var outputFormats: [String] { writers.map { $0.format } }

    public func writer(named format: String) -> (any OutputWriter.Type)? {
        writers.first { $0.format == format }
    }

    public var names: [String] { types.map { $0.descriptor.use } }

    public func type(named use: String) -> (any Stage.Type)? {
        types.first { $0.descriptor.use == use }
    }

    /// Stages that produce `layer`, for suggestions in messages.
    public func producers(of layer: Layer) -> [String] {
        types.filter { $0.descriptor.produces.contains(layer) }.map { $0.descriptor.use }
    }
}

/// Close matches of `word` among `candidates`, best first: for "did you mean" messages.
public func suggestions(for word: String, in candidates: [String]) -> [String] {
    let w = Array(word.lowercased().replacingOccurrences(of: "-", with: "_"))
    let scored = candidates.map { c -> (String, Int) in
        let a = Array(c.lowercased())
        let norm = w.filter { $0 != "_" } == a.filter { $0 != "_" }
        return (c, norm ? 0 : editDistance(w, a))
    }
    let limit = max(2, w.count / 3)
    return scored.filter { $0.1 <= limit }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map { $0.0 }
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
