import AsyncHTTPClient
import Foundation
import MetricxTestSupport
import NIOCore
import Testing

/// What the scale-out tests ask of a running stack: a workspace made with the operator command,
/// and JSON over HTTP to a gateway.
extension ReplicaStack {
    func createWorkspace(name: String = "Replicas") async throws -> String {
        let output = "\(TestEnvironment.scratch)/\(TestEnvironment.uniqueName("create-workspace")).out"
        let pid = try TestEnvironment.spawn(
            binary(.gateway), ["create-workspace", name],
            environment: ["DATABASE_URL": databaseURL(role: "metricx_gateway"), "REDIS_URL": redisURL, "LOG_LEVEL": "error"],
            output: output)
        _ = await TestEnvironment.wait(pid)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("api_key=") })
        return String(line.dropFirst("api_key=".count))
    }

    func request(_ base: String, _ method: String, _ path: String, key: String, body: [String: Any]?) async throws -> [String: Any] {
        let data = try await requestText(base, method, path, key: key, body: body)
        return (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:]
    }

    func requestText(
        _ base: String, _ method: String, _ path: String, key: String, body: [String: Any]?, headers: [String: String] = [:]
    ) async throws -> String {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(try JSONSerialization.data(withJSONObject: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 8 << 20))
        guard (200..<300).contains(Int(response.status.code)) else {
            // A server error's cause is in some replica's log, which goes with the scratch folder.
            let logged = response.status.code >= 500 ? "\nwarnings and errors the replicas logged:\n\(problemLines())" : ""
            throw ReplicaStackError("\(method) \(path): HTTP \(response.status.code) \(text.prefix(300))\(logged)")
        }
        return text
    }

    /// Polls a connection's runs until `done` holds of them (a minute at most).
    func waitForRuns(
        _ gateway: String, connection: String, key: String, until done: ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        var runs: [[String: Any]] = []
        for _ in 0..<240 {
            runs =
                try await request(gateway, "GET", "/connections/\(connection)/runs", key: key, body: nil)["items"] as? [[String: Any]] ?? []
            if done(runs) { return runs }
            try await Task.sleep(for: .milliseconds(250))
        }
        let seen = runs.map { "\($0["trigger"] ?? "?")/\($0["status"] ?? "?")" }
        throw ReplicaStackError("the connection's runs never got there; they are \(seen)")
    }
}
