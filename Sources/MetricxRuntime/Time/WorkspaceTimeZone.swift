import Foundation

/// The time zones a workspace (or a connection) may be in: the tz database's region names
/// ("Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Kolkata") and "UTC".
///
/// `TimeZone(identifier:)` alone is not a check: Foundation also accepts abbreviations ("CTT",
/// "EST") and offsets ("GMT+5") that its own formatters then trap on, and that Postgres reads
/// differently or not at all (a POSIX "UTC+5" is five hours *west*). Foundation's list of known
/// identifiers is no check either: it is ICU's older list, without "Asia/Kolkata" or
/// "Europe/Kyiv". So a name is accepted when it has the tz database's `Area/Location` form under
/// one of its areas and Foundation resolves it. Every service resolves a stored zone name through
/// here, so a name that slipped in before this check is refused instead of reaching a trap.
public enum WorkspaceTimeZone {
    /// The tz database's continent and ocean areas; `Etc/` (offsets with inverted signs) and the
    /// legacy aliases ("US/Eastern") are left out on purpose.
    static let areas: Set<Substring> = [
        "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific",
    ]

    /// Whether `name` is an accepted zone name.
    public static func accepts(_ name: String) -> Bool {
        hasRegionForm(name) && TimeZone(identifier: name) != nil
    }

    /// `UTC`, or `Area/Location` under a tz database area in plain ASCII; whether the tz data
    /// knows the name is Foundation's to say.
    private static func hasRegionForm(_ name: String) -> Bool {
        if name == "UTC" { return true }
        guard name.utf8.count <= 64 else { return false }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 2 && areas.contains(parts[0])
            && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "+") }
            }
    }

    /// The zone, or nil when `name` is not an accepted zone name. An empty name is UTC.
    public static func zone(_ name: String) -> TimeZone? {
        try? resolve(name, field: "timezone").zone
    }

    /// The zone named in a request (an empty name is UTC), or an invalid argument naming `field`.
    public static func resolve(_ name: String, field: String) throws -> (name: String, zone: TimeZone) {
        let name = name.isEmpty ? "UTC" : name
        guard hasRegionForm(name), let zone = TimeZone(identifier: name) else {
            throw ServiceError.invalidArgument(
                "unknown time zone \"\(name.prefix(64))\": use an IANA region name such as Europe/Berlin, or UTC", field: field)
        }
        return (name, zone)
    }
}
