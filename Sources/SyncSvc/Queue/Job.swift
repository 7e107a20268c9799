import Foundation

/// One unit of work on the queue. Its payload is JSON in Redis; everything a worker needs to find
/// the rest (connection, credentials) in Postgres.
struct Job: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        /// Pull the connection's trailing window and ingest it.
        case sync
        /// The daily re-pull of a longer window, for conversions platforms attribute late.
        case attribution
        /// Ask MetricsSvc to merge old 15-minute buckets into hourly ones (every workspace).
        case compaction
    }

    var id: String
    var kind: Kind
    var workspaceID: UUID?
    var connectionID: UUID?
    /// The `sync.runs` row that reports this job's progress.
    var runID: UUID?

    enum CodingKeys: String, CodingKey {
        case id, kind
        case workspaceID = "workspace_id"
        case connectionID = "connection_id"
        case runID = "run_id"
    }

    /// The resource two jobs must never work on at once: one connection's data.
    var exclusiveResource: String? { connectionID.map { "conn:\($0.uuidString.lowercased())" } }
}

/// A job handed to one worker, until it acknowledges, fails or releases it.
struct Lease: Sendable {
    var job: Job
    /// Unique per delivery; only the holder may finish the job.
    var token: String
    /// How many times the job was delivered, this delivery included.
    var attempt: Int
}
