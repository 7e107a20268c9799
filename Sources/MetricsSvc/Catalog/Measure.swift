/// The ten additive base measures stored for every bucket of every ad.
enum Measure: String, CaseIterable, Sendable {
    case spend, revenue, clicks, impressions, conversions, leads, installs, purchases, visitors, profit

    /// The column holding the measure in snapshot and rollup tables.
    var column: String { rawValue }
}

/// Sums of the base measures over some set of rows.
struct MeasureSums: Sendable, Equatable {
    var values: [Double]

    init(values: [Double] = Array(repeating: 0, count: Measure.allCases.count)) {
        self.values = values
    }

    subscript(measure: Measure) -> Double {
        get { values[Self.index[measure]!] }
        set { values[Self.index[measure]!] = newValue }
    }

    static func + (lhs: MeasureSums, rhs: MeasureSums) -> MeasureSums {
        MeasureSums(values: zip(lhs.values, rhs.values).map(+))
    }

    static func - (lhs: MeasureSums, rhs: MeasureSums) -> MeasureSums {
        MeasureSums(values: zip(lhs.values, rhs.values).map(-))
    }

    private static let index: [Measure: Int] = Dictionary(
        uniqueKeysWithValues: Measure.allCases.enumerated().map { ($1, $0) })
}
