import Crypto
import Foundation

/// When each connection syncs: every `period`, at an offset inside the period derived from its id,
/// so that a thousand connections do not all start on the quarter hour.
struct SyncSchedule: Sendable {
    var period: TimeInterval = 900

    func offset(_ connectionID: UUID) -> TimeInterval {
        let digest = Array(SHA256.hash(data: Data(connectionID.uuidString.lowercased().utf8)))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return TimeInterval(value % UInt64(period))
    }

    /// The index of the connection's slot that contains `now`.
    func slot(_ connectionID: UUID, at now: Date) -> Int64 {
        Int64(((now.timeIntervalSince1970 - offset(connectionID)) / period).rounded(.down))
    }

    func start(ofSlot slot: Int64, _ connectionID: UUID) -> Date {
        Date(timeIntervalSince1970: Double(slot) * period + offset(connectionID))
    }

    /// When the connection's next scheduled sync is due.
    func nextRun(_ connectionID: UUID, after now: Date) -> Date {
        start(ofSlot: slot(connectionID, at: now) + 1, connectionID)
    }

    /// A run id that is the same for every replica enqueueing the same job.
    static func runID(for idempotencyKey: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Data(idempotencyKey.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50 // version 5-style, name-based
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
