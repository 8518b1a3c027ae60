// What made an output: zhitu's version, the config's digest, the stages and their versions,
// and the run date. Every writer includes it so an analyst can tell which version and config
// made a file (annotations.jsonl's first line, graph.json's "graph", graph.sqlite's `run`
// table, …; docs/OUTPUTS.md "Provenance" lists where each format keeps it).
import Foundation

/// zhitu's version: the one place it is defined (`zhitu --version`, provenance).
public enum ZhituVersion {
    public static let current = "0.19.0"
}

public struct Provenance: Sendable, Equatable {
    public struct StageStamp: Sendable, Equatable {
        public var name: String
        public var use: String
        public var version: String
        public init(name: String, use: String, version: String) { self.name = name; self.use = use; self.version = version }
    }

    public var zhitu: String
    /// The config's `name` (the graph's name), so that a graph rebuilt from the records keeps it.
    public var name: String?
    /// The ICU version the text stages ran with, where known.
    public var icu: String?
    /// SHA-256 of `PipelineConfig.canonicalJSON`.
    public var configDigest: String
    public var stages: [StageStamp]
    /// When the run started, ISO 8601 in UTC (`SOURCE_DATE_EPOCH` fixes it, for reproducible files).
    public var date: String

    public init(zhitu: String = ZhituVersion.current, name: String? = nil, icu: String?, configDigest: String, stages: [StageStamp], date: String) {
        self.zhitu = zhitu; self.name = name; self.icu = icu; self.configDigest = configDigest; self.stages = stages; self.date = date
    }

    /// The provenance of a run of `config`, started now (or at `SOURCE_DATE_EPOCH`).
    public init(config: PipelineConfig, registry: StageRegistry, icu: String?, date: Date = Provenance.runDate()) {
        let stamps = config.stages.map { s in
            StageStamp(name: s.name, use: s.use, version: s.external?.descriptor.version ?? registry.type(named: s.use)?.descriptor.version ?? "?")
        }
        self.init(name: config.name, icu: icu, configDigest: config.digest, stages: stamps, date: Provenance.format(date))
    }

    /// Now, or the time `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
    /// convention) names, so that two runs can give the same bytes.
    public static func runDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let s = environment["SOURCE_DATE_EPOCH"], let secs = Int(s) { return Date(timeIntervalSince1970: TimeInterval(secs)) }
        return Date()
    }

    /// The date in UTC as ISO 8601 (`2026-12-06T01:53:08Z`), by the C library: Foundation's
    /// ISO8601DateFormatter loads the time-zone data first, 2 ms of every run's start.
    public static func format(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var c = tm()
        gmtime_r(&t, &c)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = String(c.tm_year + 1900)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(c.tm_mon + 1))-\(two(c.tm_mday))T\(two(c.tm_hour)):\(two(c.tm_min)):\(two(c.tm_sec))Z"
    }

    /// The fields as one JSON object (keys in a fixed order).
    public func json(kind: Bool = false) -> String {
        var w = JSONWriter()
        write(to: &w, key: nil, kind: kind)
        return w.text
    }

    /// Writes the object into `w`, under `key` when it is inside another object.
    public func write(to w: inout JSONWriter, key: String?, kind: Bool = false) {
        w.beginObject(key)
        if kind { w.field("kind", "run") }
        w.field("zhitu", zhitu)
        if let name { w.field("name", name) }
        if let icu { w.field("icu", icu) }
        w.field("config_sha256", configDigest)
        w.beginArray("stages")
        writeStages(&w)
        w.endArray()
        w.field("date", date)
        w.endObject()
    }

    private func writeStages(_ w: inout JSONWriter) {
        for s in stages {
            w.beginObject(); w.field("name", s.name); w.field("use", s.use); w.field("version", s.version); w.endObject()
        }
    }

    /// The stages as a JSON list of {"name", "use", "version"} (graph.sqlite's `run.stages`).
    public var stagesJSON: String {
        var w = JSONWriter()
        w.beginArray()
        writeStages(&w)
        w.endArray()
        return w.text
    }

    /// The stages as `name (use version)`, for a one-line summary.
    public var stageList: String {
        stages.map { $0.name == $0.use ? "\($0.use) \($0.version)" : "\($0.name) (\($0.use) \($0.version))" }.joined(separator: ", ")
    }

    /// Whether `other` describes a run of the same zhitu and config (its date aside).
    public func sameRun(as other: Provenance) -> Bool {
        zhitu == other.zhitu && name == other.name && icu == other.icu && configDigest == other.configDigest && stages == other.stages
    }

    /// The first line of annotations.jsonl: `{"kind": "run", …}`. It has no `doc`, so scorers
    /// (which keep the documents of the gold) pass over it.
    public var runLine: String { json(kind: true) }

    /// Reads `json()` (or a run line) back; nil when `v` is not one.
    public static func parse(_ v: JSONValue) -> Provenance? {
        guard case .string(let zhitu)? = v["zhitu"], case .string(let digest)? = v["config_sha256"],
              case .string(let date)? = v["date"], case .array(let list)? = v["stages"] else { return nil }
        var stages: [StageStamp] = []
        for item in list {
            guard case .string(let n)? = item["name"], case .string(let u)? = item["use"], case .string(let ver)? = item["version"] else { return nil }
            stages.append(StageStamp(name: n, use: u, version: ver))
        }
        var icu: String?, name: String?
        if case .string(let s)? = v["icu"] { icu = s }
        if case .string(let s)? = v["name"] { name = s }
        return Provenance(zhitu: zhitu, name: name, icu: icu, configDigest: digest, stages: stages, date: date)
    }

    /// The provenance on the first line of an annotations file, if it has one (files from
    /// `zhitu run --stdin-jsonl` or older versions have none).
    public static func firstLine(of path: String) -> Provenance? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let head = try? h.read(upToCount: 1 << 16) else { return nil }
        let line = head.prefix { $0 != 0x0A }
        guard line.count < head.count || head.count < 1 << 16, let v = try? JSONValue.parse(Array(line)),
              case .string("run")? = v["kind"] else { return nil }
        return parse(v)
    }
}

extension PipelineConfig {
    /// The config as it determines the records: the graph's name and every stage with all its
    /// options (defaults filled in), as compact JSON with sorted keys. `input` and `output` are
    /// left out (where a run reads and writes, not how), and so is `outputs` (which files, not
    /// what is in them).
    public var canonicalJSON: String {
        var w = JSONWriter()
        w.beginObject()
        w.field("name", name)
        w.beginArray("stages")
        for s in stages {
            w.beginObject()
            if let e = s.external {
                w.beginArray("command"); for c in e.command { w.element(c) }; w.endArray()
            }
            w.field("name", s.name)
            w.beginObject("options")
            for k in s.options.values.keys.sorted() {
                switch s.options.values[k]! {
                case .int(let i): w.field(k, i)
                case .double(let d): w.field(k, d)
                case .bool(let b): w.field(k, b)
                case .string(let t): w.field(k, t)
                case .strings(let l): w.beginArray(k); for x in l { w.element(x) }; w.endArray()
                }
            }
            w.endObject()
            if let e = s.external { w.field("timeout", e.timeout) }
            w.field("use", s.use)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    /// SHA-256 of `canonicalJSON`, as hex.
    public var digest: String { SHA256.hex(Array(canonicalJSON.utf8)) }
}
