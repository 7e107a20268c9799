import Foundation
import MetricxRuntime
import MetricxTestSupport

/// Real processes of each of the five services (two of each by default, as two replicas of every
/// Deployment would run) on one Postgres and one Redis of their own. Each process logs JSON lines
/// to its own file.
struct ReplicaStack {
    struct Replica {
        var service: ServiceName
        var index: Int
        var pid: pid_t
        var grpcPort: Int
        var httpPort: Int?
        var log: String
    }

    static let encryptionKey = "k1:" + Data(repeating: 7, count: 32).base64EncodedString()

    let postgresPort: Int
    let redisPort: Int
    var replicasPerService = 2
    var replicas: [Replica] = []

    var redisURL: String { "redis://127.0.0.1:\(redisPort)/0" }
    func databaseURL(role: String) -> String { "postgresql://\(role)@127.0.0.1:\(postgresPort)/metricx" }

    func binary(_ service: ServiceName) -> String { "\(TestEnvironment.binaries!)/\(service.displayName)" }

    func replicas(of service: ServiceName) -> [Replica] { replicas.filter { $0.service == service } }

    /// Starts them all at once, so that the replicas of a service migrate its schema together.
    /// `environment` is added to every process's.
    mutating func start(syncScheduleTick: String = "1s", environment extra: [String: String] = [:]) throws {
        var ports: [ServiceName: [(grpc: Int, admin: Int, http: Int?)]] = [:]
        for service in ServiceName.allCases {
            ports[service] = (0..<replicasPerService).map { _ in
                (TestEnvironment.freePort(), TestEnvironment.freePort(), service == .gateway ? TestEnvironment.freePort() : nil)
            }
        }
        for service in ServiceName.allCases {
            for index in 0..<replicasPerService {
                let own = ports[service]![index]
                var environment = [
                    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                    "DATABASE_URL": databaseURL(role: service.databaseRole), "REDIS_URL": redisURL,
                    "GRPC_PORT": "\(own.grpc)", "ADMIN_PORT": "\(own.admin)", "LOG_LEVEL": "info", "LOG_FORMAT": "json",
                    "SYNC_ENCRYPTION_KEYS": Self.encryptionKey, "SYNC_SCHEDULE_TICK": syncScheduleTick, "RATE_LIMIT_PER_MINUTE": "0",
                    // A killed replica's jobs and connection locks come back after this.
                    "SYNC_VISIBILITY_TIMEOUT": "5s", "SERVICE_TOKEN": TestEnvironment.serviceTokenText,
                ]
                environment.merge(extra) { $1 }
                if let http = own.http { environment["HTTP_PORT"] = "\(http)" }
                // Each replica calls the peer replica of its own index, as a Service would spread them.
                for peer in ServiceName.allCases where peer != .gateway {
                    environment[peer.addressVariable] = "127.0.0.1:\(ports[peer]![index].grpc)"
                }
                let log = "\(TestEnvironment.scratch)/\(TestEnvironment.uniqueName("\(service.rawValue)-\(index)")).log"
                let pid = try TestEnvironment.spawn(binary(service), environment: environment, output: log)
                replicas.append(Replica(service: service, index: index, pid: pid, grpcPort: own.grpc, httpPort: own.http, log: log))
            }
        }
    }

    /// Waits until every replica answers its health check (the gateway: `/readyz`).
    func waitUntilServing(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        for replica in replicas {
            while true {
                let arguments =
                    replica.service == .gateway
                    ? ["-fs", "-o", "/dev/null", "http://127.0.0.1:\(replica.httpPort!)/readyz"] : nil
                do {
                    if let arguments {
                        try await TestEnvironment.run("/usr/bin/curl", arguments)
                    } else {
                        try await TestEnvironment.run(binary(replica.service), ["probe", "127.0.0.1:\(replica.grpcPort)"])
                    }
                    break
                } catch {
                    guard ContinuousClock.now < deadline else {
                        // The scratch folder goes when the run ends, so the log's end travels in the error.
                        throw ReplicaStackError(
                            "\(replica.service) replica \(replica.index) never became ready; the end of \(replica.log):\n\(logTail(replica))"
                        )
                    }
                    try await Task.sleep(for: .milliseconds(250))
                }
            }
        }
    }

    /// The last `count` lines `replica` logged.
    func logTail(_ replica: Replica, count: Int = 20) -> String {
        records(replica).suffix(count).map(\.line).joined(separator: "\n")
    }

    /// The last `count` lines logged at warning or above by each replica, named by replica.
    func problemLines(count: Int = 10) -> String {
        replicas.flatMap { replica in
            records(replica).filter { ["warning", "error", "critical"].contains($0.object?["level"] as? String ?? "") }
                .suffix(count).map { "\(replica.service)-\(replica.index): \($0.line)" }
        }.joined(separator: "\n")
    }

    /// The JSON log lines of `replica` whose message is `message`.
    func logLines(_ replica: Replica, message: String) throws -> [[String: Any]] {
        records(replica).compactMap(\.object).filter { $0["msg"] as? String == message }
    }

    /// Every line `replica` logged, with its JSON object when it is one.
    private func records(_ replica: Replica) -> [(line: Substring, object: [String: Any]?)] {
        let text = (try? String(contentsOfFile: replica.log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            (line, (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])
        }
    }

    func stop() async {
        for replica in replicas { kill(replica.pid, SIGTERM) }
        for replica in replicas { _ = await TestEnvironment.wait(replica.pid) }
    }
}

struct ReplicaStackError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
