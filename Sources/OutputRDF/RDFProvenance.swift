// The run's provenance in PROV-O: the run is a prov:Activity (z:Run) started at the run date,
// associated with zhitu and with each stage as a prov:SoftwareAgent (its name, registered stage
// and version), and carrying the config's SHA-256.
import ZhituCore

extension RDFWriter {
    /// The run's IRI: the run date and the config (runs of two configs at one date, as under
    /// SOURCE_DATE_EPOCH, are two activities).
    static func runIRI(_ p: Provenance) -> String { base + "run:" + encode(p.date) + ":" + p.configDigest.prefix(12) }

    /// The run activity, then zhitu and every stage as agents.
    static func run(_ p: Provenance, _ s: inout RDFStream) {
        let run = runIRI(p)
        let zhitu = base + "software:zhitu:" + encode(p.zhitu)
        let stages = p.stages.map { (iri: run + ":stage:" + encode($0.name), stamp: $0) }
        s.subject(.minted(run))
        s.types(); s.object("prov:Activity"); s.object("z:Run")
        s.predicate("prov:startedAtTime"); s.literal(p.date, datatype: "xsd:dateTime")
        s.predicate("prov:wasAssociatedWith")
        s.object(.minted(zhitu))
        for stage in stages { s.object(.minted(stage.iri)) }
        s.predicate("z:zhitu"); s.literal(p.zhitu)
        s.predicate("z:config_sha256"); s.literal(p.configDigest)
        s.predicate("z:stages"); s.literal(p.stagesJSON)
        if let name = p.name { s.predicate("schema:name"); s.text(name) }
        if let icu = p.icu { s.predicate("z:icu"); s.literal(icu) }
        s.endSubject()

        s.subject(.minted(zhitu))
        s.types(); s.object("prov:SoftwareAgent"); s.object("schema:SoftwareApplication")
        s.predicate("schema:name"); s.literal("zhitu")
        s.predicate("schema:softwareVersion"); s.literal(p.zhitu)
        s.endSubject()
        for stage in stages {
            s.subject(.minted(stage.iri))
            s.types(); s.object("prov:SoftwareAgent"); s.object("z:Stage")
            s.predicate("schema:name"); s.literal(stage.stamp.name)
            s.predicate("z:use"); s.literal(stage.stamp.use)
            s.predicate("schema:softwareVersion"); s.literal(stage.stamp.version)
            s.endSubject()
        }
    }
}
