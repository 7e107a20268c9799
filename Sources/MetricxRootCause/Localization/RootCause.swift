/// One element of a localization: a conjunction of attribute values (`campaign=Summer & ad=Video`)
/// and the share of the deviation it explains.
public struct RootCause: Sendable, Equatable {
    /// Attribute name to value; one entry for a single attribute, more for a conjunction.
    public var elements: [String: String]
    /// The share of the whole deviation this element accounts for, in (0, 1].
    public var score: Double

    public init(elements: [String: String], score: Double) {
        self.elements = elements
        self.score = score
    }

    /// `attr=value&attr2=value2`, attributes sorted: the notation of the literature's scorers.
    public var label: String {
        elements.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}
