// graph.sqlite: documents, nodes, edges, evidence, mentions and sentences (with FTS5 indexes)
// in one SQLite file, with foreign keys, indexes and views an analyst can query directly.
import Foundation
import GRDB
import ZhituCore

public struct SQLiteWriter: OutputWriter {
    public static let format = "sqlite"
    public static let summary = "graph.sqlite: documents, nodes, edges, evidence, mentions, sentences (FTS5) with foreign keys and views."
    public init() {}

    public static let schema = """
    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      path TEXT, title TEXT, date TEXT, source TEXT, characters INTEGER
    );
    CREATE TABLE nodes (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      name TEXT NOT NULL,
      count INTEGER NOT NULL,
      first_date TEXT, last_date TEXT,
      properties TEXT NOT NULL DEFAULT '{}' -- JSON object of the other properties
    );
    CREATE TABLE node_documents (
      node_id TEXT NOT NULL REFERENCES nodes(id),
      document_id TEXT NOT NULL REFERENCES documents(id),
      PRIMARY KEY (node_id, document_id)
    ) WITHOUT ROWID;
    CREATE TABLE sentences (
      id INTEGER PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents(id),
      start_offset INTEGER, end_offset INTEGER, -- in the original file, when known
      text TEXT NOT NULL,
      UNIQUE (document_id, text)
    );
    CREATE TABLE edges (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL REFERENCES nodes(id),
      target TEXT NOT NULL REFERENCES nodes(id),
      type TEXT NOT NULL,
      count INTEGER NOT NULL,
      properties TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE evidence (
      id INTEGER PRIMARY KEY,
      edge_id INTEGER NOT NULL REFERENCES edges(id),
      document_id TEXT NOT NULL REFERENCES documents(id),
      sentence_id INTEGER REFERENCES sentences(id),
      start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL
    );
    CREATE TABLE mentions (
      id INTEGER PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents(id),
      node_id TEXT NOT NULL REFERENCES nodes(id),
      kind TEXT NOT NULL, type TEXT,
      text TEXT NOT NULL,
      start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
      sentence_id INTEGER REFERENCES sentences(id)
    );
    """

    /// The indexes and views, created after the rows are in: sorting a full table into an
    /// index once is cheaper than keeping twelve indexes up to date row by row.
    public static let indexes = """
    CREATE INDEX nodes_type_name ON nodes(type, name);
    CREATE INDEX node_documents_document ON node_documents(document_id);
    CREATE INDEX sentences_document ON sentences(document_id);
    CREATE INDEX edges_source ON edges(source, type);
    CREATE INDEX edges_target ON edges(target, type);
    CREATE INDEX edges_type ON edges(type);
    CREATE INDEX evidence_edge ON evidence(edge_id);
    CREATE INDEX evidence_document ON evidence(document_id);
    CREATE INDEX evidence_sentence ON evidence(sentence_id);
    CREATE INDEX mentions_node ON mentions(node_id);
    CREATE INDEX mentions_document ON mentions(document_id);
    CREATE INDEX mentions_sentence ON mentions(sentence_id);
    CREATE VIEW holds AS
      SELECT p.name AS person, t.name AS title, json_extract(e.properties, '$.org') AS org, e.count AS count,
             p.id AS person_id, t.id AS title_id, e.id AS edge_id
      FROM edges e JOIN nodes p ON p.id = e.source JOIN nodes t ON t.id = e.target
      WHERE e.type = 'HOLDS';
    CREATE VIEW measurements AS
      SELECT n.id AS id, nd.document_id AS document_id, n.name AS text,
             CAST(json_extract(n.properties, '$.value') AS REAL) AS value, CAST(json_extract(n.properties, '$.value_to') AS REAL) AS value_to,
             json_extract(n.properties, '$.value_date') AS value_date, json_extract(n.properties, '$.unit') AS unit,
             json_extract(n.properties, '$.numtype') AS numtype, json_extract(n.properties, '$.qualifier') AS qualifier,
             json_extract(n.properties, '$.subject') AS subject, json_extract(n.properties, '$.date') AS date
      FROM nodes n LEFT JOIN node_documents nd ON nd.node_id = n.id
      WHERE n.type = 'Measurement';
    """

    public func write(_ output: RunOutput, to directory: URL) throws {
        let final = directory.appendingPathComponent("graph.sqlite")
        let tmp = directory.appendingPathComponent(".graph.sqlite.build-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try Self.build(output, at: tmp.path)
        try ReadBack.check()
        // The database is built beside its final place: renaming it there is atomic.
        if rename(tmp.path, final.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }

    /// Builds the database at `path` (which must not exist).
    public static func build(_ output: RunOutput, at path: String) throws {
        let g = try output.graphSource().withEdgeEnds()
        // The foreign keys are declared in the schema for the readers' tools, but not checked row
        // by row while the file is built (a parent look-up per evidence, mention and edge row, a
        // sixth of the load): the rows are made from one graph whose edge ends all exist
        // (withEdgeEnds), and the tests run PRAGMA foreign_key_check on every file they build.
        var config = Configuration()
        config.foreignKeysEnabled = false
        // The search indexes of the documents' sentences are built apart, while the rows are
        // written when there are threads to spare (SearchPrebuild), unless they are few.
        let apart = !output.documents.isEmpty && output.characters ?? .max >= SearchPrebuild.minimumCharacters
        let prebuild = apart ? SearchPrebuild(output.documents, beside: path, concurrently: output.threads > 1) : nil
        defer { prebuild?.finish() }
        let db = try DatabaseQueue(path: path, configuration: config)
        var documentSentences: Int64 = 0
        try db.writeWithoutTransaction { db in
            // The file is built aside and renamed into place when whole, so a crash needs no
            // fsync; a large page cache keeps the index builds in memory.
            try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;")
            try db.inTransaction {
                try db.execute(sql: schema)
                documentSentences = try fill(db, g, output.documents)
                try db.execute(sql: indexes)   // while the search indexes are still being built apart
                return .commit
            }
        }
        let indexed = try prebuild?.adopt(into: path, expected: documentSentences) ?? 0
        try db.writeWithoutTransaction { db in
            try db.inTransaction {
                try SQLiteSearch.fill(db, after: indexed, create: prebuild == nil)
                try run(db, output.provenance)
                return .commit
            }
            try db.execute(sql: "ANALYZE;")
        }
        try db.close()
    }

    /// The `run` table: one row saying which zhitu and config made the file (none when unknown).
    static func run(_ db: Database, _ p: Provenance?) throws {
        try db.execute(sql: "CREATE TABLE run (zhitu TEXT NOT NULL, icu TEXT, config_sha256 TEXT NOT NULL, stages TEXT NOT NULL, date TEXT NOT NULL);")
        guard let p else { return }
        var insert = try BoundStatement(db, "INSERT INTO run VALUES (?, ?, ?, ?, ?)")
        insert.bind(p.zhitu); insert.bind(p.icu); insert.bind(p.configDigest); insert.bind(p.stagesJSON); insert.bind(p.date)
        try insert.execute()
    }

    /// Fills every table but the search indexes; returns how many sentence rows the documents'
    /// own sentences made (ids 1 through that number).
    static func fill<G: GraphSource>(_ db: Database, _ g: G, _ documents: DocumentResults) throws -> Int64 {
        // Documents: from the run's records when there are any, and from Document nodes.
        var docRows: [String: DocumentRow] = [:]
        for d in documents {
            docRows[d.id] = DocumentRow(id: d.id, path: d.path, title: d.meta.title, date: d.meta.date, source: d.meta.source, characters: d.characters)
        }
        func ensureDocument(_ id: String) {
            if docRows[id] == nil { docRows[id] = DocumentRow(id: id) }
        }
        for n in g.nodeStream() where n.type == "Document" {
            let id = n.docs.first ?? (n.id.hasPrefix("doc:") ? String(n.id.dropFirst(4)) : n.id)
            if docRows[id] == nil {
                docRows[id] = DocumentRow(id: id, path: string(n.properties["path"]), title: string(n.properties["title"]),
                                          date: string(n.properties["date"]), source: string(n.properties["source"]))
            }
        }
        for n in g.nodeStream() { n.docs.forEach(ensureDocument) }
        for e in g.edgeStream() { e.evidence.forEach { ensureDocument($0.doc) } }
        var insertDoc = try BoundStatement(db, "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)")
        for id in docRows.keys.sorted() {
            let r = docRows[id]!
            insertDoc.bind(r.id); insertDoc.bind(r.path); insertDoc.bind(r.title); insertDoc.bind(r.date); insertDoc.bind(r.source)
            insertDoc.bind(r.characters)
            try insertDoc.execute()
        }
        docRows = [:]

        // Nodes (with a placeholder for any edge end the graph does not list; see withEdgeEnds).
        var insertNode = try BoundStatement(db, "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?)")
        var insertNodeDoc = try BoundStatement(db, "INSERT OR IGNORE INTO node_documents VALUES (?, ?)")
        for n in g.nodeStream() {
            var rest = n.properties
            let first = rest.removeValue(forKey: "first_date"), last = rest.removeValue(forKey: "last_date")
            insertNode.bind(n.id); insertNode.bind(n.type); insertNode.bind(n.name); insertNode.bind(n.count)
            insertNode.bind(string(first)); insertNode.bind(string(last)); insertNode.bind(json(rest))
            try insertNode.execute()
            for d in n.docs {
                insertNodeDoc.bind(n.id); insertNodeDoc.bind(d)
                try insertNodeDoc.execute()
            }
        }
        // Sentences: every sentence of the run's documents (with offsets), then the evidence
        // sentences of a graph read from a file. Ids are looked up in the database, with the
        // sentences of the latest document cached: the edges of a document come together.
        var insertSentence = try BoundStatement(db, "INSERT INTO sentences (document_id, start_offset, end_offset, text) VALUES (?, ?, ?, ?)")
        var findSentence = try BoundStatement(db, "SELECT id FROM sentences WHERE document_id = ? AND text = ?")
        var cachedDoc: String?
        var cached: [SentenceKey: Int64] = [:]
        func lookup(_ doc: String, _ text: String, inDatabase: Bool = true) throws -> Int64? {
            if doc != cachedDoc { cachedDoc = doc; cached.removeAll(keepingCapacity: true) }
            if let id = cached[SentenceKey(text)] { return id }
            guard inDatabase else { return nil }
            findSentence.bind(doc); findSentence.bind(text)
            guard let id = try findSentence.fetchInt64() else { return nil }
            cached[SentenceKey(text)] = id
            return id
        }
        func sentenceID(_ doc: String, _ text: String, _ start: Int?, _ end: Int?, inDatabase: Bool = true) throws -> Int64 {
            if let id = try lookup(doc, text, inDatabase: inDatabase) { return id }
            insertSentence.bind(doc); insertSentence.bind(start); insertSentence.bind(end); insertSentence.bind(text)
            try insertSentence.execute()
            let id = db.lastInsertedRowID
            cached[SentenceKey(text)] = id
            return id
        }
        // Mentions: every entity, slogan, term and number record; from MENTIONS evidence when
        // the graph was read from a file (below, after the edges).
        var insertMention = try BoundStatement(db, "INSERT INTO mentions (document_id, node_id, kind, type, text, start_offset, end_offset, sentence_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        func mention(_ doc: String, _ node: String, _ kind: String, _ type: String?, _ text: String, _ start: Int, _ end: Int, _ sentence: Int64?) throws {
            insertMention.bind(doc); insertMention.bind(node); insertMention.bind(kind); insertMention.bind(type); insertMention.bind(text)
            insertMention.bind(start); insertMention.bind(end); insertMention.bind(sentence)
            try insertMention.execute()
        }
        // A run's document is read once for both: its sentences, then its records with the ids
        // just given to their sentences (no mention inserts a sentence, so ids are as if apart).
        var sentenceIDs: [Int: Int64] = [:]
        var documentSentences: Int64 = 0
        for d in documents {
            sentenceIDs.removeAll(keepingCapacity: true)
            try sentenceRows(d) { k, s, first in
                if let first { sentenceIDs[k] = sentenceIDs[first]; return }
                sentenceIDs[k] = try sentenceID(d.id, s.text, s.start, s.end, inDatabase: false)   // a document's sentences come together
                documentSentences += 1
            }
            for a in d.records {
                let nodeID: String
                if a.kind == .number { nodeID = "measurement:\(d.id):\(a.start)" }
                else if let t = GraphBuilder.nodeType(of: a) { nodeID = GraphBuilder.nodeID(type: t, name: a.canonical ?? a.text) }
                else { continue }
                guard g.containsNode(nodeID) else { continue }
                try mention(d.id, nodeID, a.kind.rawValue, a.type, a.text, a.start, a.end, a.sentence.flatMap { sentenceIDs[$0] })
            }
        }

        // Edges and their evidence.
        var insertEdge = try BoundStatement(db, "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)")
        var insertEvidence = try BoundStatement(db, "INSERT INTO evidence (edge_id, document_id, sentence_id, start_offset, end_offset) VALUES (?, ?, ?, ?, ?)")
        for (i, e) in g.edgeStream().enumerated() {
            insertEdge.bind(i + 1); insertEdge.bind(e.source); insertEdge.bind(e.target); insertEdge.bind(e.type); insertEdge.bind(e.count)
            insertEdge.bind(json(e.properties))
            try insertEdge.execute()
            for ev in e.evidence {
                let s = try sentenceID(ev.doc, ev.sentence, nil, nil)
                insertEvidence.bind(i + 1); insertEvidence.bind(ev.doc); insertEvidence.bind(s); insertEvidence.bind(ev.start); insertEvidence.bind(ev.end)
                try insertEvidence.execute()
            }
        }

        if documents.isEmpty {
            let nodes = Array(g.nodeStream())   // a graph read from a file: in memory already
            for e in g.edgeStream() where e.type == "MENTIONS" {
                let node = nodes.binarySearch(e.target)
                for ev in e.evidence {
                    try mention(ev.doc, e.target, node.map { kindName($0.type) } ?? "entity", node?.type, node?.name ?? e.target,
                                ev.start, ev.end, try lookup(ev.doc, ev.sentence))
                }
            }
        }
        return documentSentences
    }

    /// A document's sentences in the order of their keys, each with the key of the first
    /// sentence of the same text when there is one (that sentence's row is theirs too). The
    /// writer and SearchPrebuild number the `sentences` rows by this, so their ids agree.
    static func sentenceRows(_ d: DocumentResult, _ body: (_ key: Int, _ sentence: EvidenceSentence, _ first: Int?) throws -> Void) rethrows {
        var first: [SentenceKey: Int] = [:]
        for k in d.sentences.keys.sorted() {
            let s = d.sentences[k]!
            let earlier = first[SentenceKey(s.text)]
            if earlier == nil { first[SentenceKey(s.text)] = k }
            try body(k, s, earlier)
        }
    }

    /// A sentence's text as the cache of sentence ids keys it: by its UTF-8 bytes, as SQLite's
    /// UNIQUE (document_id, text) and the look-up by text compare it. A String key was hashed
    /// through its NFC form: a sixth of the time spent on the rows.
    struct SentenceKey: Hashable {
        var text: String
        init(_ text: String) { self.text = text }
        static func == (a: Self, b: Self) -> Bool {
            var a = a.text, b = b.text
            return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
        }
        func hash(into hasher: inout Hasher) {
            var t = text
            t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// A row of the `documents` table.
    struct DocumentRow {
        var id: String
        var path: String? = nil, title: String? = nil, date: String? = nil, source: String? = nil
        var characters: Int? = nil
    }

    static func kindName(_ nodeType: String) -> String {
        switch nodeType {
        case "Slogan": return "slogan"
        case "Term": return "term"
        case "Measurement": return "number"
        default: return "entity"
        }
    }

    static func string(_ v: GraphValue?) -> String? {
        switch v {
        case .string(let s)?: return s
        case nil: return nil
        case let other?: return other.json
        }
    }

    static func json(_ props: [String: GraphValue]) -> String {
        var w = JSONWriter()
        w.beginObject()
        for k in props.keys.sorted() { w.field(k, props[k]!) }
        w.endObject()
        return w.text
    }
}
