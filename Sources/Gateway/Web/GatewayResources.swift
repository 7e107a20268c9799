import Foundation

/// The files SwiftPM copies beside the gateway's executable (`metricx_Gateway.resources/`): the
/// web app and the API description. Looked up by hand rather than through `Bundle.module`, whose
/// accessor traps when the directory is missing; a release without it must fail with a message.
enum GatewayResources {
    static var directory: URL {
        let executable = (Bundle.main.executableURL ?? URL(filePath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        return executable.appending(path: "metricx_Gateway.resources")
    }

    /// A file among the resources, or nil when it is not there.
    static func file(_ relativePath: String) -> URL? {
        let url = directory.appending(path: relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
