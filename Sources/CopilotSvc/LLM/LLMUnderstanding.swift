import Foundation
import Logging
import Metrics
import MetricxProtos
import MetricxSemantics

/// The optional LLM path of the understand stage: the model maps the question to an intent and
/// a SemanticQuery through the forced tool call; the output is validated, and when the model
/// fails, answers badly or takes longer than `timeout`, nil sends the pipeline to the embedded
/// understanding. Each call is logged with its latency, tokens and cost.
struct LLMUnderstanding: Sendable {
    struct Config: Sendable {
        var timeout: Duration = .seconds(8)
        /// Dollars per million tokens, for the cost in the log.
        var inputPricePerMillion = 3.0
        var outputPricePerMillion = 15.0

        static let defaults = Config()
    }

    let model: any LanguageModel
    var config = Config.defaults
    var logger = Logger(label: "CopilotSvc.llm")

    /// How the last call went, for callers and tests.
    enum Outcome: String, Sendable {
        case used
        case fellBack = "fell_back"
    }

    func understand(
        _ question: String, today: CalendarDay, vocabulary: MetricVocabulary = .builtin, entityNames: [String], previousQuery: String?
    ) async -> (understanding: Understanding?, outcome: Outcome) {
        let system = QueryTool.system(today: today, vocabulary: vocabulary, entityNames: entityNames, previousQuery: previousQuery)
        let tool = QueryTool.spec(vocabulary)
        let started = ContinuousClock.now
        let model = self.model
        let timeout = config.timeout
        let result: Result<ToolCall, LanguageModelError> = await withTaskGroup(of: Result<ToolCall, LanguageModelError>?.self) { group in
            group.addTask {
                do {
                    return .success(try await model.callTool(system: system, user: question, tool: tool))
                } catch let error as LanguageModelError {
                    return .failure(error)
                } catch {
                    return .failure(LanguageModelError(.unreachable, "the model call failed"))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(LanguageModelError(.timeout, "no answer within \(timeout)"))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(LanguageModelError(.timeout, "no answer within \(timeout)"))
        }
        let latency = ContinuousClock.now - started
        var metadata: Logger.Metadata = [
            "model": "\(model.name)",
            "latency_ms": "\(latency.components.seconds * 1_000 + latency.components.attoseconds / 1_000_000_000_000_000)",
        ]
        switch result {
        case .success(let call):
            let cost =
                (Double(call.inputTokens) * config.inputPricePerMillion + Double(call.outputTokens) * config.outputPricePerMillion)
                / 1_000_000
            metadata["input_tokens"] = "\(call.inputTokens)"
            metadata["output_tokens"] = "\(call.outputTokens)"
            metadata["cost_usd"] = "\(String(format: "%.6f", cost))"
            Counter(label: "copilot_llm_tokens_total", dimensions: [("kind", "input")]).increment(by: call.inputTokens)
            Counter(label: "copilot_llm_tokens_total", dimensions: [("kind", "output")]).increment(by: call.outputTokens)
            do {
                let understanding = try QueryTool.understanding(from: call.input, vocabulary: vocabulary)
                logger.info(
                    "llm understood the question", metadata: metadata.merging(["intent": "\(understanding.intent.rawValue)"]) { $1 })
                Counter(label: "copilot_llm_calls_total", dimensions: [("outcome", "used")]).increment()
                return (understanding, .used)
            } catch {
                logger.warning(
                    "llm output rejected; using the embedded understanding", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
        case .failure(let error):
            logger.warning("llm call failed; using the embedded understanding", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
        Counter(label: "copilot_llm_calls_total", dimensions: [("outcome", "fell_back")]).increment()
        return (nil, .fellBack)
    }
}
