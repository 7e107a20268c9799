import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// HTTP to a provider's API with the waiting every provider needs: a connector classifies each
/// answer (done, wait and retry, or fail) and this type does the retrying with backoff, honouring
/// the waits the provider asks for, up to a limit.
struct ProviderHTTP: Sendable {
    struct Config: Sendable {
        var attempts = 6
        var backoff = Backoff(base: .seconds(1), maximum: .seconds(60))
        /// The longest single wait a provider may ask for before the pull gives up and the job
        /// retries later instead (holding a worker for longer helps nobody).
        var longestWait: Duration = .seconds(120)
        var timeout: TimeAmount = .seconds(60)
        /// Answers larger than this are refused.
        var maximumBody = 64 << 20

        static let defaults = Config()
    }

    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data

        func json() throws -> Any {
            do {
                return try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
            } catch {
                throw ConnectorError(.badResponse, "the provider answered with malformed JSON (HTTP \(status))")
            }
        }
    }

    /// What a connector makes of an answer.
    enum Verdict: Sendable {
        case done
        /// Throttled or transient: wait (the provider's hint, or the backoff) and send again.
        case retry(after: Duration?, reason: String)
        case fail(ConnectorError)
    }

    var client: HTTPClient = .shared
    var config: Config = .defaults
    var logger = Logger(label: "SyncSvc.http")
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// Sends `request` until `classify` says done or fail, or the attempts run out.
    func send(
        _ makeRequest: () throws -> HTTPClientRequest, provider: String,
        classify: (Response) throws -> Verdict
    ) async throws -> Response {
        var lastReason = ""
        for attempt in 1...config.attempts {
            let request = try makeRequest()
            let verdict: Verdict
            var response: Response?
            do {
                let raw = try await client.execute(request, timeout: config.timeout)
                let body = try await raw.body.collect(upTo: config.maximumBody)
                response = Response(status: Int(raw.status.code), headers: raw.headers, body: Data(buffer: body))
                verdict = try classify(response!)
            } catch let error as ConnectorError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                verdict = .retry(after: nil, reason: "\(provider) could not be reached")
            }
            switch verdict {
            case .done:
                return response!
            case .fail(let error):
                throw error
            case .retry(let hint, let reason):
                lastReason = reason
                guard attempt < config.attempts else { break }
                let wait = hint ?? config.backoff.delay(afterAttempt: attempt)
                guard wait <= config.longestWait else {
                    throw ConnectorError(.rateLimited, "\(reason); \(provider) asks to wait \(wait.components.seconds) s, retrying later")
                }
                logger.info("provider asked to wait", metadata: ["provider": "\(provider)", "reason": "\(reason)", "wait": "\(wait)"])
                try await sleep(wait)
            }
        }
        let code: ConnectorError.Code = lastReason.contains("throttl") || lastReason.contains("rate") ? .rateLimited : .unavailable
        throw ConnectorError(code, "\(lastReason) (gave up after \(config.attempts) attempts)")
    }

    /// `Retry-After` in seconds, when the provider sent one.
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        headers.first(name: "Retry-After").flatMap(Double.init).map { .milliseconds(Int($0 * 1000)) }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A number that may arrive as a JSON number or a string ("12.34"), as provider APIs send them.
    func number(_ key: String) -> Double {
        switch self[key] {
        case let value as Double: value
        case let value as Int: Double(value)
        case let value as NSNumber: value.doubleValue
        case let value as String: Double(value) ?? 0
        default: 0
        }
    }

    func text(_ key: String) -> String? {
        switch self[key] {
        case let value as String: value
        case let value as NSNumber: value.stringValue
        default: nil
        }
    }

    func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
}
