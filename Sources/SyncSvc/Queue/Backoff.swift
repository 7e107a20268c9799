/// Exponential backoff with full jitter: attempt n waits a random time in
/// `[base * 2^(n-1) / 2, base * 2^(n-1)]`, never more than `maximum`. Jitter keeps the retries of
/// many failing jobs from arriving together.
struct Backoff: Sendable {
    var base: Duration = .seconds(2)
    var maximum: Duration = .seconds(300)

    func delay(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let ceiling = min(base * (1 << exponent), maximum)
        return ceiling * Double.random(in: 0.5...1.0)
    }
}
