// The network view's data in report.html: the graph as compact JSON inside a <script> element,
// written as UTF-8 bytes (as Strings, with a Foundation pass to make "<" safe, it cost about as
// much as the rest of the report).
import ZhituCore

enum ReportData {
    /// Writes the graph as JSON in pieces of about a megabyte: the edges between the nodes in
    /// `index`, then those nodes. Uncapped, an edge end missing from the node list is added after
    /// them; capped, such edges are left out. Every "<" is written `\u003c`, so no text can close
    /// the <script> element.
    static func write<G: GraphSource>(_ g: G, index: [String: Int], capped: Bool, _ emit: ([UInt8]) throws -> Void) throws {
        var index = index
        let listed = index.count
        var extra: [String] = []   // edge ends missing from the node list
        var w = ScriptJSON()
        func flush() throws {
            if w.bytes.count > 1 << 20 { try emit(w.bytes); w.bytes.removeAll(keepingCapacity: true) }
        }
        w.begin(0x7B)
        w.key("name"); w.string(g.name)
        w.key("edges"); w.begin(0x5B)
        for e in g.edgeStream() {
            if capped && (index[e.source] == nil || index[e.target] == nil) { continue }
            func idx(_ id: String) -> Int {
                if let i = index[id] { return i }
                index[id] = listed + extra.count
                extra.append(id)
                return index[id]!
            }
            let s = idx(e.source), t = idx(e.target)
            w.begin(0x7B)
            w.key("s"); w.int(s); w.key("t"); w.int(t); w.key("y"); w.string(e.type); w.key("c"); w.int(e.count)
            if !e.properties.isEmpty { w.key("p"); w.object(e.properties) }
            if !e.evidence.isEmpty {
                w.key("e"); w.begin(0x5B)
                for ev in e.evidence {
                    w.begin(0x5B); w.string(ev.doc); w.string(ev.sentence); w.int(ev.start); w.int(ev.end); w.end(0x5D)
                }
                w.end(0x5D)
            }
            w.end(0x7D)
            w.bytes.append(0x0A)
            try flush()
        }
        w.end(0x5D)
        w.key("nodes"); w.begin(0x5B)
        for n in g.nodeStream() {
            guard let i = index[n.id], i < listed else { continue }
            w.begin(0x7B)
            w.key("i"); w.string(n.id); w.key("t"); w.string(n.type); w.key("n"); w.string(n.name); w.key("c"); w.int(n.count)
            w.key("d"); w.value(.strings(n.docs))
            if !n.properties.isEmpty { w.key("p"); w.object(n.properties) }
            w.end(0x7D)
            w.bytes.append(0x0A)
            try flush()
        }
        for id in extra {
            w.begin(0x7B)
            w.key("i"); w.string(id); w.key("t"); w.string("Thing"); w.key("n"); w.string(id); w.key("c"); w.int(0)
            w.key("d"); w.value(.strings([]))
            w.end(0x7D)
        }
        w.end(0x5D)
        w.end(0x7D)
        try emit(w.bytes)
    }
}

/// Compact JSON as bytes, with "<" escaped in strings: the text `JSONWriter` writes, then
/// `<` → `\u003c`. A value or key after another in the same container gets its comma.
struct ScriptJSON {
    var bytes: [UInt8] = []
    private var needsComma = false

    private mutating func comma() {
        if needsComma { bytes.append(0x2C) }
        needsComma = true
    }

    /// Opens an object (`{`) or array (`[`).
    mutating func begin(_ bracket: UInt8) { comma(); bytes.append(bracket); needsComma = false }
    /// Closes it: the container is itself a value of its parent, so what follows needs a comma.
    mutating func end(_ bracket: UInt8) { bytes.append(bracket); needsComma = true }

    mutating func key(_ k: String) {
        comma()
        let from = bytes.count
        JSONBytes.appendQuoted(k, to: &bytes)
        escapeAngles(from: from)
        bytes.append(0x3A)
        needsComma = false
    }

    mutating func string(_ s: String) { value(.string(s)) }

    mutating func int(_ i: Int) { comma(); JSONBytes.appendInt(i, to: &bytes) }

    mutating func value(_ v: GraphValue) {
        comma()
        let from = bytes.count
        JSONBytes.appendJSON(v, to: &bytes)
        escapeAngles(from: from)
    }

    /// An object of properties, keys sorted.
    mutating func object(_ properties: [String: GraphValue]) {
        begin(0x7B)
        for k in properties.keys.sorted() { key(k); value(properties[k]!) }
        end(0x7D)
    }

    /// `<` → `\u003c` in what was written from `from` on ("<" is rare in articles: it is only
    /// looked for there).
    private mutating func escapeAngles(from: Int) {
        guard bytes[from...].contains(0x3C) else { return }
        var safe: [UInt8] = []
        safe.reserveCapacity(bytes.count - from + 10)
        for b in bytes[from...] {
            if b == 0x3C { safe.append(contentsOf: #"\u003c"#.utf8) } else { safe.append(b) }
        }
        bytes.replaceSubrange(from..., with: safe)
    }
}
