import Foundation
import MetricxRuntime

extension LLMUnderstanding {
    /// The LLM the environment configures, or nil for the embedded understanding only:
    /// `ANTHROPIC_API_KEY` (with `ANTHROPIC_BASE_URL`, `ANTHROPIC_MODEL`), else `OPENAI_BASE_URL`
    /// (with `OPENAI_API_KEY`, `OPENAI_MODEL`) for an OpenAI-compatible server such as llama.cpp or
    /// Ollama. `COPILOT_LLM_TIMEOUT_MS` bounds each call; `COPILOT_LLM_PRICE_INPUT` and
    /// `COPILOT_LLM_PRICE_OUTPUT` (dollars per million tokens) price it in the log.
    static func fromEnvironment(_ environment: [String: String] = EnvironmentReader.processEnvironment()) -> LLMUnderstanding? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let model: any LanguageModel
        if let key = value("ANTHROPIC_API_KEY") {
            model = AnthropicMessages(
                baseURL: value("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com", apiKey: key,
                model: value("ANTHROPIC_MODEL") ?? "claude-sonnet-4-5")
        } else if let base = value("OPENAI_BASE_URL") {
            model = OpenAICompatible(baseURL: base, apiKey: value("OPENAI_API_KEY"), model: value("OPENAI_MODEL") ?? "default")
        } else {
            return nil
        }
        var config = Config.defaults
        if let ms = value("COPILOT_LLM_TIMEOUT_MS").flatMap(Int.init), ms > 0 { config.timeout = .milliseconds(ms) }
        if let price = value("COPILOT_LLM_PRICE_INPUT").flatMap(Double.init) { config.inputPricePerMillion = price }
        if let price = value("COPILOT_LLM_PRICE_OUTPUT").flatMap(Double.init) { config.outputPricePerMillion = price }
        return LLMUnderstanding(model: model, config: config)
    }
}
