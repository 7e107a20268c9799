extension Metricx_V1_Measures {
    /// The ten measures in field order (spend, revenue, clicks, impressions, conversions, leads,
    /// installs, purchases, visitors, profit): the order of MetricxSemantics' `Measure.allCases`,
    /// so `MeasureSums(values:)` and this convert without naming each field.
    public var values: [Double] {
        [spend, revenue, clicks, impressions, conversions, leads, installs, purchases, visitors, profit]
    }

    /// Measures from ten values in field order; missing trailing values are 0.
    public init(values: [Double]) {
        self.init()
        func value(_ index: Int) -> Double { index < values.count ? values[index] : 0 }
        spend = value(0)
        revenue = value(1)
        clicks = value(2)
        impressions = value(3)
        conversions = value(4)
        leads = value(5)
        installs = value(6)
        purchases = value(7)
        visitors = value(8)
        profit = value(9)
    }
}
