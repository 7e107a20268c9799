extension DayRange {
    /// Like-for-like whole days for this range, which runs into `today`, set against
    /// `comparison`, which does not: the range up to yesterday, and as many days from the
    /// comparison's start.
    ///
    /// A sum over part of a day is not comparable with a whole day's: at 01:45 "spend this week
    /// against last week" reads down by the hours still to come, though nothing happened. "Why
    /// did revenue fall this week?" on a Thursday afternoon is answered from Monday to Wednesday
    /// against the same three days of last week. Nil when nothing needs cutting (the range does
    /// not run today, or the comparison does too), when the range is today alone (no whole day to
    /// compare), or when the comparison is shorter than the whole days (it would set more days
    /// against fewer).
    public func wholeDays(against comparison: DayRange, today: CalendarDay) -> (range: DayRange, comparison: DayRange)? {
        guard end == today, comparison.end != today, start < today else { return nil }
        let yesterday = today.adding(days: -1)
        let days = start.days(to: yesterday)
        let comparisonEnd = Swift.min(comparison.end, comparison.start.adding(days: days))
        guard comparison.start.days(to: comparisonEnd) == days else { return nil }
        return (DayRange(start: start, end: yesterday), DayRange(start: comparison.start, end: comparisonEnd))
    }
}
