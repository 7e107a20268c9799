/// One element of a localization: a conjunction of attribute values (`campaign=Summer & ad=Video`)
/// and the share of the deviation it explains.
public struct RootCause: Sendable, Equatable {
    /// Attribute name to value; one entry for a single attribute, more for a conjunction.
    public var elements: [String: String]
    /// The share of the whole deviation this element accounts for, in (0, 1].
    public var score: Double
    /// For a ratio measure: the element's share of the ratio's change and what its numerator and
    /// denominator did; nil for an additive measure.
    public var ratio: RatioEffect?

    public init(elements: [String: String], score: Double, ratio: RatioEffect? = nil) {
        self.elements = elements
        self.score = score
        self.ratio = ratio
    }

    /// `attr=value&attr2=value2`, attributes sorted: the notation of the literature's scorers.
    public var label: String {
        elements.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}
