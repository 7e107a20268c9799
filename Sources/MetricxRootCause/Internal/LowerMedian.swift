/// The lower median: with half the values from causes, still one of the others (the upper
/// median of an even count could be a cause's). Nil for no values.
func lowerMedian(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    return values.sorted()[(values.count - 1) / 2]
}
