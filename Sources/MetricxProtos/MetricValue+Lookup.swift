extension Array where Element == Metricx_V1_MetricValue {
    /// The value of `metric` in a result's values, nil when absent or null (no data, or a ratio over zero).
    public subscript(metric: String) -> Double? {
        first { $0.metric == metric }.flatMap { $0.hasValue ? $0.value : nil }
    }
}
