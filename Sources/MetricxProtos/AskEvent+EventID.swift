import Foundation

/// The `event_id` of a copilot answer's event, "<answer id>:<sequence>" with the sequence counted
/// from 1: CopilotSvc writes it, the gateway sends it as the SSE `id:` and checks the
/// `Last-Event-ID` a client sends back, and `Replay` resumes after it.
public struct AnswerEventID: Sendable, Hashable, CustomStringConvertible {
    public var answer: UUID
    public var sequence: UInt32

    public init(answer: UUID, sequence: UInt32) {
        self.answer = answer
        self.sequence = sequence
    }

    /// nil unless `text` is exactly a UUID, a colon and a number.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard text.count <= 64, parts.count == 2, let answer = UUID(uuidString: String(parts[0])), let sequence = UInt32(parts[1]) else {
            return nil
        }
        self.init(answer: answer, sequence: sequence)
    }

    public var description: String { "\(answer.uuidString.lowercased()):\(sequence)" }
}
