import Foundation
import GRPCCore
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import MetricxTestSupport
import Synchronization
import Testing

@Suite struct RPCRuntimeTests {
    typealias Workspaces = Metricx_V1_WorkspaceService

    /// client -> relay server -> echo server, over real HTTP/2 on loopback: the request id,
    /// workspace and principal set at the edge arrive two hops later.
    @Test func metadataPropagatesAcrossTwoServices() async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { echoPort, _, _ in
            try await RPCHarness.withClient(port: echoPort) { toEcho in
                try await RPCHarness.withServer(services: [RelayWorkspaceService(downstream: toEcho)]) { relayPort, _, _ in
                    try await RPCHarness.withClient(port: relayPort) { toRelay in
                        let context = RequestContext(requestID: "req-123", workspaceID: "ws-a", principal: "key:abc", role: "viewer")
                        let reply = try await RequestContext.$current.withValue(context) {
                            try await Workspaces.Client(wrapping: toRelay.grpc).getWorkspace(.with { $0.id = "x" })
                        }
                        #expect(reply.id == "ws-a")
                        #expect(reply.name == "req-123")
                        #expect(reply.createdAt == "key:abc")
                    }
                }
            }
        }
    }

    @Test func aCallPastItsDeadlineFailsWithDeadlineExceeded() async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { port, _, _ in
            try await RPCHarness.withClient(port: port, timeout: .milliseconds(200)) { client in
                let started = ContinuousClock.now
                let error = await #expect(throws: RPCError.self) {
                    try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = "slow" })
                }
                #expect(error?.code == .deadlineExceeded)
                // The handler sleeps 30 s: ending well before it means the deadline ended the call.
                // Not a tighter bound: a loaded machine may take seconds to schedule the failure.
                #expect(ContinuousClock.now - started < .seconds(20))
            }
        }
    }

    @Test func aPeerThatIsDownIsUnavailable() async throws {
        let port = TestEnvironment.freePort()
        try await RPCHarness.withClient(port: port, timeout: .seconds(5), idempotent: [Workspaces.Method.GetWorkspace.descriptor]) {
            client in
            let error = await #expect(throws: RPCError.self) {
                try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = "x" })
            }
            #expect(error?.code == .unavailable)
        }
    }

    /// #23: gRPC's reconnect backoff grows to two minutes and calls fail at once while it waits,
    /// so callers of a peer that had been down for a while kept failing long after it was back.
    @Test func aPeerBackAfterTenSecondsIsReachedWithinThree() async throws {
        let port = TestEnvironment.freePort()
        try await RPCHarness.withClient(port: port) { client in
            let workspaces = Workspaces.Client(wrapping: client.grpc)
            // Down for 10 s, called now and then: by the default backoff the next attempt would
            // then come 4 to 8 s later.
            let downUntil = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < downUntil {
                _ = try? await workspaces.getWorkspace(.with { $0.id = "x" })
                try await Task.sleep(for: .milliseconds(500))
            }
            try await RPCHarness.withServer(services: [EchoWorkspaceService()], port: port) { _, _, _ in
                try await Task.sleep(for: .seconds(3))
                _ = try await workspaces.getWorkspace(.with { $0.id = "x" })
            }
        }
    }

    @Test(arguments: [
        ("missing", RPCError.Code.notFound, "workspace missing does not exist"),
        ("bad-field", RPCError.Code.invalidArgument, "must be a UUID"),
        ("boom", RPCError.Code.internalError, "internal error"),
    ])
    func errorsAreMappedOnceToStatusCodes(id: String, code: RPCError.Code, message: String) async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { port, _, _ in
            try await RPCHarness.withClient(port: port) { client in
                let error = await #expect(throws: RPCError.self) {
                    try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = id })
                }
                #expect(error?.code == code)
                #expect(error?.message == message)
                #expect(error?.message.contains("hunter2") == false)
                if id == "bad-field" {
                    #expect(error?.metadata[stringValues: "x-error-field"].first(where: { _ in true }) == "id")
                }
            }
        }
    }

    /// A field of any text, and an error passed on by a server that got it from its own call,
    /// arrive as the error they are, not as a reset stream (which callers saw as UNAVAILABLE).
    @Test(arguments: [("bad-field", "id"), ("bad-client-text", EchoWorkspaceService.clientText)])
    func errorsPassedOnArriveWhole(id: String, field: String) async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { echoPort, _, _ in
            try await RPCHarness.withClient(port: echoPort) { toEcho in
                let direct = await #expect(throws: RPCError.self) {
                    try await Workspaces.Client(wrapping: toEcho.grpc).getWorkspace(.with { $0.id = id })
                }
                #expect(direct?.code == .invalidArgument)
                #expect(direct.flatMap { ServiceError.field(fromMetadata: $0.metadata) } == field)
                try await RPCHarness.withServer(services: [RelayWorkspaceService(downstream: toEcho)]) { relayPort, _, _ in
                    try await RPCHarness.withClient(port: relayPort) { toRelay in
                        let relayed = await #expect(throws: RPCError.self) {
                            try await Workspaces.Client(wrapping: toRelay.grpc).getWorkspace(.with { $0.id = id })
                        }
                        #expect(relayed?.code == .invalidArgument)
                        #expect(relayed?.message == "must be a UUID" || relayed?.message == "unknown column")
                        #expect(relayed.flatMap { ServiceError.field(fromMetadata: $0.metadata) } == field)
                    }
                }
            }
        }
    }

    /// A large answer (100,000 judged anomaly points are ~6 MB) arrives; it failed as an internal
    /// error past gRPC's default 4 MiB.
    @Test func answersPastFourMebibytesArrive() async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { port, _, _ in
            // A deadline for a loaded debug build: this is about the size, not the speed.
            try await RPCHarness.withClient(port: port, timeout: .seconds(120)) { client in
                let reply = try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = "large" })
                #expect(reply.name.utf8.count == 5 << 20)
            }
        }
    }

    /// SIGTERM semantics: health turns NOT_SERVING at once, the in-flight call still completes.
    @Test func healthIsNotServingWhileDrainingAndInFlightCallsFinish() async throws {
        let health = HealthStatus()
        try await RPCHarness.withServer(services: [EchoWorkspaceService()], health: health) { port, group, _ in
            try await RPCHarness.withClient(port: port) { client in
                let grpcHealth = Grpc_Health_V1_Health.Client(wrapping: client.grpc)
                #expect(try await grpcHealth.check(.init()).status == .serving)
                #expect(try await grpcHealth.check(.with { $0.service = "metricx.v1.WorkspaceService" }).status == .serving)
                let unknown = await #expect(throws: RPCError.self) { try await grpcHealth.check(.with { $0.service = "nope" }) }
                #expect(unknown?.code == .notFound)

                let statuses = Recorded<Grpc_Health_V1_HealthCheckResponse.ServingStatus>()
                // The watch's first update, so the shutdown never starts before the watcher saw
                // the service serving (a fixed sleep lost that race on a busy machine).
                let (watching, watchStarted) = AsyncStream<Void>.makeStream()
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask {
                        try await grpcHealth.watch(.init()) { response in
                            for try await update in response.messages {
                                statuses.append(update.status)
                                watchStarted.yield()
                                if update.status == .notServing { return }
                            }
                        }
                    }
                    tasks.addTask {
                        // In flight when the shutdown starts (it takes 600 ms); must still succeed.
                        _ = try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = "work" })
                    }
                    for await _ in watching { break }
                    try await Task.sleep(for: .milliseconds(200))
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                }
                #expect(statuses.values == [.serving, .notServing])
                #expect(health.status(of: "") == .notServing)
            }
        }
    }
}

/// Values collected from concurrent tasks.
final class Recorded<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])
    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }
}
