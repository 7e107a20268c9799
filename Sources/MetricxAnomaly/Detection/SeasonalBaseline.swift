/// The expected value of the next point: a robust level (the median of recent deseasonalised
/// values) plus a seasonal offset (the median of how far the same slot of the day, or of the week
/// once three weeks have been seen, stood from the median of the whole cycle before it).
struct SeasonalBaseline: Sendable {
    struct Config: Sendable, Hashable {
        /// Points in the level's median: short enough to follow a new level within hours.
        var levelWindow = 12
        /// Past seasons remembered per slot.
        var seasonsRemembered = 7
        /// Observations a slot needs before its offset is used.
        var minimumSeasons = 3
    }

    private let config: Config
    private let clock: SeasonalClock
    private var recent: RingBuffer<Double>
    private var cycle: RingBuffer<Double>
    private var shortSeason: [RingBuffer<Double>]
    private var longSeason: [RingBuffer<Double>]

    init(clock: SeasonalClock, config: Config) {
        self.config = config
        self.clock = clock
        recent = RingBuffer(capacity: config.levelWindow)
        cycle = RingBuffer(capacity: clock.cyclePoints)
        let slot = RingBuffer<Double>(capacity: config.seasonsRemembered)
        shortSeason = Array(repeating: slot, count: clock.shortSlots)
        longSeason = Array(repeating: slot, count: clock.longSlots ?? 0)
    }

    /// The level and seasonal offset expected at `time`, before the point there is seen.
    func forecast(time: Double, index: Int) -> (level: Double?, seasonal: Double) {
        let slots = clock.slots(time: time, index: index)
        var seasonal = 0.0
        if let long = slots.long, longSeason[long].count >= config.minimumSeasons {
            seasonal = RobustStatistics.median(longSeason[long].unordered)
        } else if shortSeason[slots.short].count >= config.minimumSeasons {
            seasonal = RobustStatistics.median(shortSeason[slots.short].unordered)
        }
        let level = recent.count >= 3 ? RobustStatistics.median(recent.unordered) : nil
        return (level, seasonal)
    }

    /// Learns from the point `value` seen at `time`, given the seasonal offset forecast for it.
    mutating func learn(value: Double, time: Double, index: Int, seasonal: Double) {
        let slots = clock.slots(time: time, index: index)
        recent.append(value - seasonal)
        cycle.append(value)
        let offset = value - RobustStatistics.median(cycle.unordered)
        shortSeason[slots.short].append(offset)
        if let long = slots.long { longSeason[long].append(offset) }
    }
}
