import Foundation
import MetricxRuntime
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsPointAtTheLocalStack() throws {
        let configuration = try ServiceConfiguration(service: .metrics, environment: EnvironmentReader([:]))
        #expect(configuration.grpc == HostPort(host: "127.0.0.1", port: 50051))
        #expect(configuration.admin.port == 9101)
        #expect(configuration.databaseURL == "postgresql://metricx_metrics@127.0.0.1:55432/metricx")
        #expect(configuration.redisURL == "redis://127.0.0.1:56379/0")
        #expect(configuration.address(of: .lineage) == HostPort(host: "127.0.0.1", port: 50053))
        #expect(configuration.rpcTimeout == .seconds(10))
    }

    @Test func settingsAreReadFromTheEnvironment() throws {
        let configuration = try ServiceConfiguration(
            service: .sync,
            environment: EnvironmentReader([
                "GRPC_HOST": "0.0.0.0", "GRPC_PORT": "6000", "METRICS_SVC_ADDR": "metrics:50051",
                "RPC_TIMEOUT": "250ms", "SHUTDOWN_GRACE": "1m", "LOG_FORMAT": "json", "LOG_LEVEL": "debug",
                "DATABASE_URL": "postgres://u:p@db:5432/x",
            ]))
        #expect(configuration.grpc == HostPort(host: "0.0.0.0", port: 6000))
        #expect(configuration.address(of: .metrics) == HostPort(host: "metrics", port: 50051))
        #expect(configuration.rpcTimeout == .milliseconds(250))
        #expect(configuration.shutdownGrace == .seconds(60))
        #expect(configuration.logging == LoggingConfiguration(level: .debug, format: .json))
        #expect(configuration.databaseURL == "postgres://u:p@db:5432/x")
    }

    @Test(arguments: [
        ("GRPC_PORT", "abc", "invalid GRPC_PORT=\"abc\": expected a whole number"),
        ("GRPC_PORT", "70000", "invalid GRPC_PORT=\"70000\": expected a number from 0 to 65535"),
        ("RPC_TIMEOUT", "soon", "invalid RPC_TIMEOUT=\"soon\": expected a duration like 250ms, 5s, 2m or 1h"),
        ("METRICS_SVC_ADDR", "metrics", "invalid METRICS_SVC_ADDR=\"metrics\": expected host:port, e.g. 127.0.0.1:50051"),
        ("LOG_FORMAT", "xml", "invalid LOG_FORMAT=\"xml\": expected one of text, json"),
        ("DATABASE_POOL_SIZE", "0", "invalid DATABASE_POOL_SIZE=\"0\": expected a number from 1 to 256"),
    ])
    func aBadValueNamesTheVariable(variable: String, value: String, message: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: .gateway, environment: EnvironmentReader([variable: value]))
        }
        #expect(error?.description == message)
    }

    @Test func aBadURLNamesTheVariableButNeverEchoesIt() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: .gateway, environment: EnvironmentReader(["DATABASE_URL": "mysql://root:secret@db"]))
        }
        #expect(error?.variable == "DATABASE_URL")
        #expect(error?.description.contains("secret") == false)
    }

    @Test func serveNeedsAServiceTokenWhichIsNeverEchoed() throws {
        let unset = try ServiceConfiguration(service: .metrics, environment: EnvironmentReader([:]))
        #expect(throws: ConfigurationError.self) { try unset.requireServiceToken() }
        let short = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: .metrics, environment: EnvironmentReader(["SERVICE_TOKEN": "tooshort-secret"]))
        }
        #expect(short?.variable == "SERVICE_TOKEN")
        #expect(short?.description.contains("tooshort-secret") == false)
        let token = String(repeating: "0123456789abcdef", count: 4)
        let set = try ServiceConfiguration(service: .metrics, environment: EnvironmentReader(["SERVICE_TOKEN": token]))
        #expect(try set.requireServiceToken().accepts("Bearer " + token))
    }

    @Test func hostPortParsesIPv6AndRejectsGarbage() {
        #expect(HostPort("[::1]:50051") == HostPort(host: "::1", port: 50051))
        #expect(HostPort("[::1]:50051")?.description == "[::1]:50051")
        #expect(HostPort("svc:99999") == nil)
        #expect(HostPort(":80") == nil)
    }

    @Test func secretsMountedAsFilesAreVariablesTheEnvironmentOverrides() throws {
        let folder = NSTemporaryDirectory() + "metricx-secrets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "postgresql://svc:pw@db/metricx\n".write(toFile: folder + "/DATABASE_URL", atomically: true, encoding: .utf8)
        try "redis://from-file:6379/0".write(toFile: folder + "/REDIS_URL", atomically: true, encoding: .utf8)

        let merged = EnvironmentReader.processEnvironment(["SECRETS_DIR": folder, "REDIS_URL": "redis://from-env:6379/0"])
        #expect(merged["DATABASE_URL"] == "postgresql://svc:pw@db/metricx") // the file's trailing newline dropped
        #expect(merged["REDIS_URL"] == "redis://from-env:6379/0")
        let configuration = try ServiceConfiguration(service: .metrics, environment: EnvironmentReader(merged))
        #expect(configuration.redisURL == "redis://from-env:6379/0")
        // No folder, or one that is not there: the environment as it is.
        #expect(
            EnvironmentReader.processEnvironment(["SECRETS_DIR": folder + "-missing", "A": "1"]) == [
                "SECRETS_DIR": folder + "-missing", "A": "1",
            ])
    }
}
