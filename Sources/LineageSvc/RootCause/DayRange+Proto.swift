import MetricxProtos
import MetricxSemantics

extension DayRange {
    /// A resolved range's days; nil unless both ends are `YYYY-MM-DD`.
    init?(_ proto: Metricx_V1_DateRange) {
        guard let start = CalendarDay(proto.start), let end = CalendarDay(proto.end) else { return nil }
        self.init(start: start, end: end)
    }

    var proto: Metricx_V1_DateRange {
        .with {
            $0.start = start.description
            $0.end = end.description
        }
    }
}
