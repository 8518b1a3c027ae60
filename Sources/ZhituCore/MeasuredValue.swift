// A number record's value typed for analysts: a number wherever it is one, a date apart, so
// that `value` sums and plots in every output without casting.

/// The typed value of a number record: `value` (and `valueTo` for a range such as
/// 2017/2022) as numbers, or `date` for a date (2024-01-29, 2023-05, 2023, --01-23).
public struct MeasuredValue: Sendable, Equatable {
    public var value: Double?
    public var valueTo: Double?
    public var date: String?

    public init(value: Double? = nil, valueTo: Double? = nil, date: String? = nil) {
        self.value = value; self.valueTo = valueTo; self.date = date
    }

    /// The record's value: numbers stay numbers; a "low/high" text of two numbers is a range;
    /// any other text (the annotation guide gives text values to dates and date ranges only)
    /// is a date.
    public init(_ a: Annotation) {
        switch a.value {
        case .number(let v)?: self.init(value: v)
        case .string(let s)?:
            let parts = s.split(separator: "/", omittingEmptySubsequences: false)
            if a.numtype != "date", parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]), lo.isFinite, hi.isFinite {
                self.init(value: lo, valueTo: hi)
            } else if a.numtype != "date", parts.count == 1, let v = Double(s), v.isFinite {
                self.init(value: v)
            } else {
                self.init(date: s)
            }
        case nil: self.init()
        }
    }

    /// Graph properties: `value`/`value_to` (double) and `value_date` (text). A measurement's
    /// `date` property stays the date of its document, as on every node.
    public var properties: [String: GraphValue] {
        var p: [String: GraphValue] = [:]
        if let value { p["value"] = .double(value) }
        if let valueTo { p["value_to"] = .double(valueTo) }
        if let date { p["value_date"] = .string(date) }
        return p
    }
}
