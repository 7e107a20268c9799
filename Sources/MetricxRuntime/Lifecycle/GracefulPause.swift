import ServiceLifecycle

/// The pause between two passes of a background loop: `duration`, or less when a graceful
/// shutdown begins (or the task is cancelled). Returns whether the loop should go on.
///
/// A plain `try? await Task.sleep` ignores the shutdown, so a loop polling every 30 s could
/// outlast the stop script's grace and never release what it holds (a leader lease).
public func pauseUnlessShuttingDown(for duration: Duration) async -> Bool {
    do {
        try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    } catch {
        return false
    }
    return !Task.isShuttingDownGracefully && !Task.isCancelled
}
