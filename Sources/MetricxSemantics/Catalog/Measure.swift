/// The ten additive base measures stored for every bucket of every ad.
public enum Measure: String, CaseIterable, Sendable {
    case spend, revenue, clicks, impressions, conversions, leads, installs, purchases, visitors, profit

    /// The column holding the measure in snapshot and rollup tables.
    public var column: String { rawValue }

    /// Position in `allCases` (and in ``MeasureSums``).
    public var index: Int {
        switch self {
        case .spend: 0
        case .revenue: 1
        case .clicks: 2
        case .impressions: 3
        case .conversions: 4
        case .leads: 5
        case .installs: 6
        case .purchases: 7
        case .visitors: 8
        case .profit: 9
        }
    }
}

/// Sums of the base measures over some set of rows.
public struct MeasureSums: Sendable, Equatable {
    public var values: [Double]

    public init(values: [Double] = Array(repeating: 0, count: Measure.allCases.count)) {
        self.values = values
    }

    public subscript(measure: Measure) -> Double {
        get { values[measure.index] }
        set { values[measure.index] = newValue }
    }

    public static func + (lhs: MeasureSums, rhs: MeasureSums) -> MeasureSums {
        MeasureSums(values: zip(lhs.values, rhs.values).map(+))
    }

    public static func += (lhs: inout MeasureSums, rhs: MeasureSums) {
        lhs = lhs + rhs
    }

    public static func - (lhs: MeasureSums, rhs: MeasureSums) -> MeasureSums {
        MeasureSums(values: zip(lhs.values, rhs.values).map(-))
    }
}
