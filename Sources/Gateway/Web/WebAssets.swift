import Foundation
import Logging
import NIOCore

/// The web app's files, read once at start-up and served from memory: they are small, change
/// only with a release, and reading them per request would put file I/O on every page load.
struct WebAssets: Sendable {
    /// One file, ready to send.
    struct Asset: Sendable {
        var body: ByteBuffer
        var contentType: String
        /// A strong validator (a digest of the bytes), so revalidation costs a 304.
        var etag: String
    }

    private(set) var assets: [String: Asset] = [:]

    /// Every file under `root`, keyed by its path relative to it ("index.html", "js/main.js").
    init(root: URL) throws {
        let root = root.standardizedFileURL.resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        for case let file as URL in walker {
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(file.resolvingSymlinksInPath().path.dropFirst(root.path.count + 1))
            guard let contentType = Self.contentTypes[file.pathExtension.lowercased()] else { continue }
            let data = try Data(contentsOf: file)
            assets[relative] = Asset(body: ByteBuffer(bytes: data), contentType: contentType, etag: EntityTag.of(data))
        }
        guard assets["index.html"] != nil else { throw CocoaError(.fileReadNoSuchFile) }
    }

    subscript(path: String) -> Asset? { assets[path] }

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml", "json": "application/json; charset=utf-8",
    ]

    /// Where a release keeps the files: `WEB_ROOT`, else the resource bundle SwiftPM puts beside
    /// the executable. Nil (and the gateway serves the API only) when neither exists.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let root = environment["WEB_ROOT"], !root.isEmpty { return URL(filePath: root) }
        return GatewayResources.file("Public/index.html")?.deletingLastPathComponent()
    }
}
