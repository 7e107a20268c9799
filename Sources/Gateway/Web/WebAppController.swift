import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Serves the web app: `/` is the single page, `/ui/...` its scripts and styles, and
/// `/ui/config.json` what the page needs to know about this deployment (how to sign in).
/// Public, like the page itself: every number it shows comes from the API with the user's token.
struct WebAppController: Sendable {
    let assets: WebAssets
    let config: WebAppConfig
    private let contentSecurityPolicy: String

    init(assets: WebAssets, config: WebAppConfig) {
        self.assets = assets
        self.config = config
        // The page talks to its own origin only, plus the sign-in provider's when there is one.
        let issuer = config.oidc.flatMap { URL(string: $0.issuer) }.flatMap { url in
            url.scheme.flatMap { scheme in url.host.map { "\(scheme)://\($0)\(url.port.map { ":\($0)" } ?? "")" } }
        }
        contentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'\(issuer.map { " \($0)" } ?? ""); frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    }

    func register(on router: Router<GatewayContext>) {
        router.get("/") { request, _ in try serve("index.html", request) }
        router.get("ui/config.json") { _, _ in try jsonResponse(.ok, config) }
        router.get("ui/**") { request, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            return try serve(path, request)
        }
    }

    private func serve(_ path: String, _ request: Request) throws -> Response {
        // Only names of files read at start-up are served; nothing here touches the file system.
        guard let asset = assets[path] else { throw HTTPError(.notFound, message: "no such file") }
        var headers: HTTPFields = [
            .contentType: asset.contentType, .eTag: asset.etag,
            // Revalidated on every load (a 304 when unchanged), so a release is picked up at once.
            .cacheControl: "no-cache",
            .xContentTypeOptions: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
        ]
        if path == "index.html" {
            headers[.contentSecurityPolicy] = contentSecurityPolicy
        }
        if EntityTag.isCurrent(asset.etag, for: request) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}

/// What the page learns about the deployment before anyone signs in.
struct WebAppConfig: Codable, Sendable {
    /// An OpenID Connect provider to sign in with; absent when only API keys are accepted.
    struct OIDC: Codable, Sendable {
        var issuer: String
        var clientID: String

        enum CodingKeys: String, CodingKey {
            case issuer
            case clientID = "client_id"
        }
    }

    var oidc: OIDC?
}

extension WebAppController {
    /// The web app from its bundled (or `WEB_ROOT`) files; nil, with a warning, when they are
    /// missing, so that an API-only deployment still starts.
    static func load(config: WebAppConfig, logger: Logger) -> WebAppController? {
        guard let root = WebAssets.locate() else {
            logger.warning("web app files not found (set WEB_ROOT); serving the API only")
            return nil
        }
        do {
            return WebAppController(assets: try WebAssets(root: root), config: config)
        } catch {
            logger.warning("cannot read the web app files; serving the API only", metadata: ["root": "\(root.path)", "error": "\(error)"])
            return nil
        }
    }
}
