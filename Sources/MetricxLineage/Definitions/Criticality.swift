import MetricxSemantics

/// How much it matters when a metric breaks; impact analysis weighs it.
public enum Criticality: String, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    /// The weight of an affected metric in a blast-radius score.
    public var weight: Double {
        switch self {
        case .low: 0.25
        case .medium: 0.5
        case .high: 0.75
        case .critical: 1
        }
    }

    public static func < (lhs: Criticality, rhs: Criticality) -> Bool { lhs.weight < rhs.weight }
}

/// What a metric's values are in; it decides how they are formatted.
public typealias MetricUnit = MetricDefinition.Unit
