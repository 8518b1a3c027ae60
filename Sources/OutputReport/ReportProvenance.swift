// The run's provenance in report.html: <meta> elements for tools (generator, and the whole
// record as JSON) and a footer line for the reader, so a printed or forwarded report still
// says which zhitu, config and run made it.
import ZhituCore

extension ReportWriter {
    static func provenanceMeta(_ p: Provenance) -> String {
        "<meta name=\"generator\" content=\"zhitu \(esc(p.zhitu))\">\n"
            + "<meta name=\"zhitu-provenance\" content=\"\(esc(p.json()))\">\n"
    }

    static func provenanceFooter(_ p: Provenance) -> String {
        var h = "<footer id=\"provenance\" class=\"note\">Made by zhitu \(esc(p.zhitu)) on \(esc(p.date))"
        h += " · config sha256 <code>\(esc(p.configDigest))</code>"
        if let icu = p.icu { h += " · ICU \(esc(icu))" }
        h += " · stages: \(esc(p.stageList))</footer>\n"
        return h
    }
}
