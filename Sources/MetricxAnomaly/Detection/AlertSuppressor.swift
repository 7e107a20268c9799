/// Flags the first point of an incident and stays quiet until the series has been calm for a
/// while, so one broken afternoon is one alert, not forty.
struct AlertSuppressor: Sendable {
    /// Consecutive calm points (score under half the threshold) that end an incident.
    let calmPointsToRearm: Int
    private var armed = true
    private var calm = 0

    /// Whether an incident is open: its first point alerted and the series has not calmed since.
    var inIncident: Bool { !armed }

    init(calmPointsToRearm: Int) {
        self.calmPointsToRearm = Swift.max(1, calmPointsToRearm)
    }

    /// Whether a point scored `score` against `threshold` raises an alert; updates the incident state.
    mutating func admit(score: Double, threshold: Double) -> (alert: Bool, suppressed: Bool) {
        let exceeds = score >= threshold
        if armed {
            if exceeds {
                armed = false
                calm = 0
                return (true, false)
            }
            return (false, false)
        }
        calm = score < threshold / 2 ? calm + 1 : 0
        if calm >= calmPointsToRearm { armed = true }
        return (false, exceeds)
    }
}
