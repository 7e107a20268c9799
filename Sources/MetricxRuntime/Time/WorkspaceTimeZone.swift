import Foundation

/// The time zones a workspace (or a connection) may be in: the IANA region names of the tz
/// database ("Europe/Berlin", "America/Argentina/Buenos_Aires") and "UTC".
///
/// `TimeZone(identifier:)` alone is not a check: Foundation also accepts abbreviations ("CTT",
/// "EST") and offsets ("GMT+5") that its own formatters then trap on, and that Postgres reads
/// differently or not at all (a POSIX "UTC+5" is five hours *west*). Every service resolves a
/// stored zone name through here, so a name that slipped in before this check is refused with an
/// invalid argument instead of reaching a trap.
public enum WorkspaceTimeZone {
    /// The names accepted, in Foundation's (ICU's) list of region zones.
    public static let names: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])

    /// The zone, or nil when `name` is not an accepted zone name. An empty name is UTC.
    public static func zone(_ name: String) -> TimeZone? {
        let name = name.isEmpty ? "UTC" : name
        guard names.contains(name) else { return nil }
        return TimeZone(identifier: name)
    }

    /// The zone named in a request, or an invalid argument naming `field`.
    public static func resolve(_ name: String, field: String) throws -> (name: String, zone: TimeZone) {
        guard let zone = zone(name) else {
            throw ServiceError.invalidArgument(
                "unknown time zone \"\(name.prefix(64))\": use an IANA region name such as Europe/Berlin, or UTC", field: field)
        }
        return (name.isEmpty ? "UTC" : name, zone)
    }
}
