/// Median and median absolute deviation: location and scale that a few wild values cannot move.
enum RobustStatistics {
    /// The consistency constant that makes the MAD estimate a normal distribution's standard deviation.
    static let madToSigma = 1.4826

    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the median of nothing")
        var sorted = values
        sorted.sort()
        return medianOfSorted(sorted)
    }

    /// The MAD scaled to a standard deviation, around the values' median.
    static func sigma(_ values: [Double]) -> Double {
        let center = median(values)
        return madToSigma * median(values.map { abs($0 - center) })
    }

    private static func medianOfSorted(_ sorted: [Double]) -> Double {
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
