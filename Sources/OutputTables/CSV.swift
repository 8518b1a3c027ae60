// RFC 4180 CSV rows: fields with commas, quotes or line breaks are quoted; a field that a
// spreadsheet would run as a formula is neutralised as OWASP recommends (CSV injection).

enum CSV {
    /// First characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func field(_ s: String) -> String {
        let s = neutralised(s)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// `s` with a leading apostrophe when it starts like a formula (=HYPERLINK(…), @SUM(…));
    /// numbers such as -3.5 stay numbers.
    static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, formulaStarts.contains(first), Double(s) == nil else { return s }
        return "'" + s
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
