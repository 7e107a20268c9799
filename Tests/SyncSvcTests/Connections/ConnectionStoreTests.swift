import Foundation
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import SyncSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct ConnectionStoreTests {
    func record(workspace: UUID, account: String) -> ConnectionRecord {
        // Paused, so the scheduler tests that scan the shared database never queue them.
        ConnectionRecord(
            workspaceID: workspace, id: UUID(), provider: .demo, name: "Demo \(account)", accountRef: account, status: .paused,
            settings: [:], timezone: "UTC", currency: "USD", createdAt: Date(), lastSuccessAt: nil, lastError: nil, rowsSynced: 0)
    }

    @Test func aWorkspaceHoldsAtMostTheLimitOfConnectionsEvenWhenCreatedAtOnce() async throws {
        let harness = try await SyncHarness.make()
        let store = harness.connections
        let workspace = UUID()
        let other = UUID()
        let limit = ConnectionStore.maximumConnections
        // Ten more than the limit, all at once: the workspace lock makes the count hold.
        let outcomes = await withTaskGroup(of: ServiceError.Code?.self) { group in
            for index in 0..<(limit + 10) {
                group.addTask {
                    do {
                        _ = try await store.create(record(workspace: workspace, account: "acct-\(index)"), credentials: nil)
                        return nil
                    } catch let error as ServiceError {
                        return error.code
                    } catch {
                        return .internalError
                    }
                }
            }
            return await group.reduce(into: [ServiceError.Code?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == limit)
        #expect(outcomes.filter { $0 == .resourceExhausted }.count == 10)
        #expect(try await store.list(workspaceID: workspace, after: nil, limit: 1000).count == limit)
        // Another workspace is not affected by this one's count.
        _ = try await store.create(record(workspace: other, account: "acct-0"), credentials: nil)
        for connection in try await store.list(workspaceID: workspace, after: nil, limit: 1000)
            + store.list(workspaceID: other, after: nil, limit: 1000)
        {
            _ = try await store.delete(workspaceID: connection.workspaceID, id: connection.id)
        }
        await harness.shutdown()
    }
}
