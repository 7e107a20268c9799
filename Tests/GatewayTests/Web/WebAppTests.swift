import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Gateway

/// The web app's files as the gateway serves them: from memory, only the files it read, with
/// validators, a content security policy and what the page needs to sign in.
@Suite struct WebAppTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "../../../Sources/Gateway/Web/Public").standardized

    func app(_ config: WebAppConfig = WebAppConfig(oidc: nil)) throws -> some ApplicationProtocol {
        let web = WebAppController(assets: try WebAssets(root: Self.root), config: config)
        return Application(router: buildRouter(GatewayDependencies(store: InMemoryWorkspaceStore(), readinessChecks: [], web: web)))
    }

    @Test func thePageAndItsModulesAreServedWithTheirTypes() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains(#"<script type="module" src="/ui/js/main.js">"#))
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && policy.contains("connect-src 'self';"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            // Every module the page imports is there, as JavaScript.
            for module in ["js/main.js", "js/api.js", "js/charts.js", "js/graph.js", "js/pages/dashboard.js", "js/pages/lineage.js"] {
                try await client.execute(uri: "/ui/\(module)", method: .get) { response in
                    #expect(response.status == .ok, "\(module)")
                    #expect(response.headers[.contentType] == "text/javascript; charset=utf-8", "\(module)")
                }
            }
            try await client.execute(uri: "/ui/app.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
        }
    }

    @Test func anUnchangedFileIsA304() async throws {
        try await app().test(.router) { client in
            let etag = try await client.execute(uri: "/ui/js/main.js", method: .get) { response in
                try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/ui/js/main.js", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/ui/js/main.js", method: .get, headers: [.ifNoneMatch: "\"stale\""]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test(arguments: ["/ui/nope.js", "/ui/../Package.swift", "/ui/%2e%2e/%2e%2e/Package.swift", "/ui/js/../../WebAssets.swift", "/ui/"])
    func onlyTheAppsOwnFilesAreServed(uri: String) async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound, "\(uri)")
                #expect(!String(buffer: response.body).contains("import"), "\(uri)")
            }
        }
    }

    @Test func theConfigNamesTheSignInProviderOnlyWhenThereIsOne() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/ui/config.json", method: .get) { response in
                #expect(String(buffer: response.body) == "{}")
            }
        }
        let oidc = WebAppConfig(oidc: .init(issuer: "https://login.example.com/realms/acme", clientID: "metricx-web"))
        try await app(oidc).test(.router) { client in
            try await client.execute(uri: "/ui/config.json", method: .get) { response in
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: [String: String]]
                #expect(body?["oidc"] == ["issuer": "https://login.example.com/realms/acme", "client_id": "metricx-web"])
            }
            // The page may talk to the provider's origin, and to nothing else outside.
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy]?.contains("connect-src 'self' https://login.example.com;") == true)
            }
        }
    }

    @Test func aDirectoryWithoutThePageIsRefused() throws {
        let empty = FileManager.default.temporaryDirectory.appending(path: UUID().uuidString)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: (any Error).self) { try WebAssets(root: empty) }
        #expect(WebAssets.locate(environment: ["WEB_ROOT": empty.path]) == empty)
    }
}
