import Foundation
import GRPCCore
import MetricxProtos
import MetricxTestSupport
import Testing

/// Guards the definition RPCs at LineageSvc's gRPC boundary: versioning with optimistic
/// concurrency, validation errors that name the field, the read and delete paths, and that a
/// workspace never sees or changes another's definitions.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct DefinitionTests {
    static let netROAS = "name: net_roas\nunit: ratio\nformula: (revenue - spend) / spend\ncriticality: high\n"
    static let netROASv2 = netROAS.replacingOccurrences(of: "high", with: "critical")

    @Test func createThenUpdateWithTheCurrentVersion() async throws {
        try await LineageHarness.with { h in
            let a = h.tenant()
            let created = try await a.put(Self.netROAS)
            #expect(created.version == 1)
            #expect(created.name == "net_roas")
            #expect(created.formula == "(revenue - spend) / spend")
            #expect(created.criticality == "high")
            #expect(created.updatedBy == a.principal)
            #expect(!created.builtin && !created.deleted)

            // Creating it again conflicts; the current version makes version 2; that one is now stale.
            await expectRPCError(.alreadyExists) { try await a.put(Self.netROAS) }
            let updated = try await a.put(Self.netROASv2, expectedVersion: 1, name: "net_roas")
            #expect(updated.version == 2)
            #expect(updated.criticality == "critical")
            await expectRPCError(.failedPrecondition, field: "expected_version") { try await a.put(Self.netROAS, expectedVersion: 1) }
            await expectRPCError(.failedPrecondition, field: "expected_version") { try await a.put(Self.netROAS, expectedVersion: 7) }
            #expect(try await a.get("net_roas").version == 2)

            // Updating a metric that does not exist, or with a negative version, is refused.
            await expectRPCError(.notFound) { try await a.put("name: ghost\nunit: count\nformula: clicks", expectedVersion: 1) }
            await expectRPCError(.invalidArgument, field: "expected_version") { try await a.put(Self.netROAS, expectedVersion: -1) }
        }
    }

    @Test func invalidDocumentsAreInvalidArgumentsNamingTheYAML() async throws {
        try await LineageHarness.with { h in
            let a = h.tenant()
            await expectRPCError(.invalidArgument, field: "yaml") { try await a.put("  \n") }
            await expectRPCError(.invalidArgument, field: "yaml") { try await a.put("a: [1") }
            await expectRPCError(.invalidArgument, field: "yaml") { try await a.put("name: x\nunit: ratio\nformula: clicks\ncolour: red") }
            let unknown = await expectRPCError(.invalidArgument, field: "yaml") {
                try await a.put("name: x\nunit: ratio\nformula: revenue / spendd")
            }
            #expect(unknown?.message.contains("unknown metric \"spendd\"") == true, "\(String(describing: unknown))")
            await expectRPCError(.invalidArgument, field: "yaml") { try await a.put("name: roas\nunit: ratio\nformula: revenue / spend") }
            // The document must define the metric the caller names.
            await expectRPCError(.invalidArgument, field: "yaml") {
                try await a.put("name: other\nunit: count\nformula: clicks", name: "x")
            }

            // A cycle, directly or through another definition.
            let direct = await expectRPCError(.invalidArgument, field: "yaml") {
                try await a.put("name: loop\nunit: count\nformula: loop + 1")
            }
            #expect(direct?.message.contains("depend on itself") == true)
            try await a.put("name: first\nunit: count\nformula: clicks * 2")
            try await a.put("name: second\nunit: count\nformula: first + 1")
            let indirect = await expectRPCError(.invalidArgument, field: "yaml") {
                try await a.put("name: first\nunit: count\nformula: second * 2", expectedVersion: 1)
            }
            #expect(indirect?.message.contains("first -> second -> first") == true, "\(String(describing: indirect))")
            #expect(try await a.get("first").formula == "clicks * 2")
            // None of the refused documents was stored.
            #expect(try await a.list().definitions.map(\.name) == ["first", "second"])
        }
    }

    @Test func getListVersionsAndDelete() async throws {
        try await LineageHarness.with { h in
            let a = h.tenant()
            try await a.put(Self.netROAS)
            try await a.put(Self.netROASv2, expectedVersion: 1)
            try await a.put("name: doubled\nunit: ratio\nformula: net_roas * 2")

            #expect(try await a.get("net_roas", version: 1).criticality == "high")
            #expect(try await a.get("net_roas").criticality == "critical")
            await expectRPCError(.notFound) { try await a.get("net_roas", version: 3) }
            await expectRPCError(.invalidArgument, field: "version") { try await a.get("net_roas", version: -1) }
            let roas = try await a.get("roas")
            #expect(roas.builtin && roas.formula == "revenue / spend")
            let versions = try await a { try await $0.listMetricDefinitionVersions(.with { $0.name = "net_roas" }) }
            #expect(versions.definitions.map(\.version) == [2, 1])

            let listed = try await a.list()
            #expect(listed.definitions.map(\.name) == ["doubled", "net_roas"])
            #expect(listed.catalogVersion == 3)
            let withBuiltins = try await a.list(includeBuiltin: true)
            #expect(withBuiltins.definitions.contains { $0.name == "roas" && $0.builtin })
            #expect(withBuiltins.definitions.map(\.name) == withBuiltins.definitions.map(\.name).sorted())
            let first = try await a.list(pageSize: 1)
            #expect(first.definitions.map(\.name) == ["doubled"])
            let second = try await a.list(pageSize: 1, token: first.page.nextPageToken)
            #expect(second.definitions.map(\.name) == ["net_roas"])
            #expect(second.page.nextPageToken.isEmpty)
            await expectRPCError(.invalidArgument, field: "page.page_size") { try await a.list(pageSize: 501) }

            // A metric another one uses cannot go, nor can a built-in; the deletion is a version.
            let blocked = await expectRPCError(.failedPrecondition) {
                try await a { try await $0.deleteMetricDefinition(.with { $0.name = "net_roas" }) }
            }
            #expect(blocked?.message.contains("doubled") == true)
            await expectRPCError(.failedPrecondition) { try await a { try await $0.deleteMetricDefinition(.with { $0.name = "roas" }) } }
            _ = try await a { try await $0.deleteMetricDefinition(.with { $0.name = "doubled" }) }
            await expectRPCError(.notFound) { try await a.get("doubled") }
            await expectRPCError(.notFound) { try await a { try await $0.deleteMetricDefinition(.with { $0.name = "doubled" }) } }
            let history = try await a { try await $0.listMetricDefinitionVersions(.with { $0.name = "doubled" }) }
            #expect(history.definitions.map(\.deleted) == [true, false])
            #expect(try await a.list().definitions.map(\.name) == ["net_roas"])
        }
    }

    @Test func theNewestVersionsAreKeptAndListedPageByPage() async throws {
        try await LineageHarness.with { h in
            let a = h.tenant()
            try await a.put(Self.netROAS)
            for version in Int32(1)..<105 {
                try await a.put(version.isMultiple(of: 2) ? Self.netROAS : Self.netROASv2, expectedVersion: version)
            }
            // 105 versions written, the newest 100 kept.
            await expectRPCError(.notFound) { try await a.get("net_roas", version: 5) }
            #expect(try await a.get("net_roas", version: 6).version == 6)
            var listed: [Int32] = []
            var token = ""
            var pages = 0
            repeat {
                let page = try await a {
                    try await $0.listMetricDefinitionVersions(
                        .with {
                            $0.name = "net_roas"
                            $0.page = .with {
                                $0.pageSize = 40
                                $0.pageToken = token
                            }
                        })
                }
                listed += page.definitions.map(\.version)
                token = page.page.nextPageToken
                pages += 1
            } while !token.isEmpty && pages < 10
            #expect(pages == 3)
            #expect(listed == Array((Int32(6)...105).reversed()))
            for bad in ["abc", "0", "-4", "99999999999"] {
                await expectRPCError(.invalidArgument, field: "page.page_token") {
                    try await a {
                        try await $0.listMetricDefinitionVersions(
                            .with {
                                $0.name = "net_roas"
                                $0.page.pageToken = bad
                            })
                    }
                }
            }
        }
    }

    @Test func aWorkspaceNeverSeesOrChangesAnothersDefinitions() async throws {
        try await LineageHarness.with { h in
            let (a, b) = (h.tenant(), h.tenant())
            try await a.put(Self.netROAS)

            await expectRPCError(.notFound) { try await b.get("net_roas") }
            await expectRPCError(.notFound) { try await b.get("net_roas", version: 1) }
            await expectRPCError(.notFound) { try await b { try await $0.listMetricDefinitionVersions(.with { $0.name = "net_roas" }) } }
            #expect(try await b.list().definitions.isEmpty)
            #expect(try await b.list().catalogVersion == 0)
            await expectRPCError(.notFound) { try await b { try await $0.deleteMetricDefinition(.with { $0.name = "net_roas" }) } }
            await expectRPCError(.notFound) { try await b.put(Self.netROASv2, expectedVersion: 1) }

            // B may define its own net_roas; A's is untouched by it.
            #expect(try await b.put(Self.netROASv2).version == 1)
            let mine = try await a.get("net_roas")
            #expect(mine.version == 1 && mine.criticality == "high")
            #expect(try await a.list().definitions.map(\.version) == [1])
        }
    }

    @Test func aCallWithoutAUsableWorkspaceIsRefused() async throws {
        try await LineageHarness.with { h in
            await expectRPCError(.unauthenticated) { try await h.lineage.listMetricDefinitions(.init()) }
            let malformed = ["x-workspace-id": "not-a-uuid"] as Metadata
            await expectRPCError(.invalidArgument, field: "x-workspace-id") {
                try await h.lineage.listMetricDefinitions(.init(), metadata: malformed)
            }
        }
    }
}
