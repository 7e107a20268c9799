@testable import CopilotSvc
import Foundation
import MetricxProtos
import MetricxSemantics
import Testing

struct ZZDebugParse {
    @Test func debug() throws {
        guard let text = ProcessInfo.processInfo.environment["DEBUG_QUESTIONS"] else { return }
        let parser = ClarificationTests.parser
        for question in text.split(separator: "|") {
            let reading = parser.read(String(question))
            let u = parser.parse(String(question), previous: nil)
            print("Q: \(question)\n  words=\(reading.words.words) left=\(QuestionParser.unexplained(reading.words).map { reading.words[$0] }) cues=\(reading.cues)\n  -> \(u.intent) \(u.message ?? "") \((try? u.query.jsonString()) ?? "")")
        }
    }
}
