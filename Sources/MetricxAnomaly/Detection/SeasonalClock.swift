/// Where a point falls in its series' seasons: the slot of the day (or of a caller's period) and,
/// for timestamped series, the slot of the week.
public struct SeasonalClock: Sendable, Hashable {
    private enum Mode: Hashable {
        case time(slotWidth: Double)
        case index(period: Int)
    }

    private let mode: Mode
    /// Slots in the short season: a day's worth of slots, or the caller's period.
    public let shortSlots: Int
    /// Slots in the week, or nil when there is no weekly season to learn.
    public let longSlots: Int?
    /// Points in a day at the series' spacing (for an indexed series, one period).
    public let pointsPerSeason: Double
    /// Points in one whole cycle of the season: the window whose median is the level that
    /// seasonal offsets are measured from (a shorter one would lag the cycle and bias them).
    public let cyclePoints: Int

    private static let day = 86_400.0
    private static let week = 7 * day

    /// A clock for a timestamped series whose points are `spacing` seconds apart (the median).
    /// Sub-hourly series share hourly slots, so each slot sees enough points to learn from.
    public static func timed(spacing: Double) -> SeasonalClock {
        let spacing = spacing > 0 ? spacing : 3_600
        if spacing >= week * 0.9 {
            return SeasonalClock(
                mode: .time(slotWidth: spacing), shortSlots: 1, longSlots: nil,
                pointsPerSeason: 1, cyclePoints: 3)
        }
        let slotWidth = spacing >= day * 0.9 ? day : Swift.max(spacing, 3_600)
        let perDay = Swift.max(1, Int((day / slotWidth).rounded()))
        let pointsPerDay = Swift.max(1, day / spacing)
        // A daily series' only cycle is the week.
        let cycle = perDay == 1 ? 7 : Int(pointsPerDay.rounded())
        return SeasonalClock(
            mode: .time(slotWidth: slotWidth), shortSlots: perDay, longSlots: 7 * perDay,
            pointsPerSeason: pointsPerDay, cyclePoints: Self.boundedCycle(cycle))
    }

    /// A clock for an evenly spaced series with a known season of `period` points.
    public static func indexed(period: Int) -> SeasonalClock {
        let period = Swift.max(1, period)
        return SeasonalClock(
            mode: .index(period: period), shortSlots: period, longSlots: nil,
            pointsPerSeason: Double(period), cyclePoints: boundedCycle(period))
    }

    /// The short- and long-season slots of the point at `time` (seconds since 1970) and `index`.
    public func slots(time: Double, index: Int) -> (short: Int, long: Int?) {
        switch mode {
        case .index(let period):
            return (index % period, nil)
        case .time(let slotWidth):
            let short = Self.slot(time, modulo: Self.day, width: slotWidth, count: shortSlots)
            let long = longSlots.map { Self.slot(time, modulo: Self.week, width: slotWidth, count: $0) }
            return (short, long)
        }
    }

    /// The points of a season a detector must see before it judges: three seasons, within
    /// bounds that keep daily series from waiting months and fine series from judging too soon.
    public var minimumHistory: Int {
        let season = shortSlots > 1 ? shortSlots : (longSlots ?? 1)
        return Swift.min(48, Swift.max(21, 3 * season))
    }

    private static func boundedCycle(_ points: Int) -> Int { Swift.min(500, Swift.max(3, points)) }

    private static func slot(_ time: Double, modulo: Double, width: Double, count: Int) -> Int {
        var phase = time.truncatingRemainder(dividingBy: modulo)
        if phase < 0 { phase += modulo }
        return Swift.min(count - 1, Int(phase / width))
    }
}
