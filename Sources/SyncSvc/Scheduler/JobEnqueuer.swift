import Foundation

/// Puts a sync on the queue together with the run row that reports on it. The run's id derives
/// from the idempotency key, so a second enqueue of the same job finds the same row.
struct JobEnqueuer: Sendable {
    let queue: JobQueue
    let runs: RunStore

    /// Returns true when this call created the job.
    @discardableResult
    func enqueue(kind: Job.Kind, workspaceID: UUID, connectionID: UUID, trigger: String, idempotencyKey: String) async throws -> Bool {
        if try await queue.isKnown(idempotencyKey: idempotencyKey) { return false }
        return try await enqueueReturningRun(
            kind: kind, workspaceID: workspaceID, connectionID: connectionID, trigger: trigger, idempotencyKey: idempotencyKey
        ).created
    }

    func enqueueReturningRun(
        kind: Job.Kind, workspaceID: UUID, connectionID: UUID, trigger: String, idempotencyKey: String
    ) async throws -> (run: RunRecord, created: Bool) {
        let runID = SyncSchedule.runID(for: idempotencyKey)
        // The row first: a worker that claims the job at once must find it.
        let run = try await runs.create(workspaceID: workspaceID, id: runID, connectionID: connectionID, kind: kind, trigger: trigger)
        let job = Job(id: runID.uuidString.lowercased(), kind: kind, workspaceID: workspaceID, connectionID: connectionID, runID: runID)
        let (_, created) = try await queue.enqueue(job, idempotencyKey: idempotencyKey)
        return (run, created)
    }

    func enqueueCompaction(idempotencyKey: String) async throws -> Bool {
        if try await queue.isKnown(idempotencyKey: idempotencyKey) { return false }
        let job = Job(id: UUID().uuidString.lowercased(), kind: .compaction)
        return try await queue.enqueue(job, idempotencyKey: idempotencyKey).created
    }
}
