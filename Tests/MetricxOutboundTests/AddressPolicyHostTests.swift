import Testing

@testable import MetricxOutbound

/// Hosts a webhook is refused for when it is saved: IP literals outside the policy and localhost.
@Suite struct AddressPolicyHostTests {
    @Test func literalsOutsideThePolicyAndLocalhostArePlainlyRefused() {
        let strict = AddressPolicy()
        for host in ["127.0.0.1", "169.254.169.254", "10.0.0.5", "[::1]", "[fd00::1]", "[::ffff:10.0.0.1]", "localhost", "api.localhost"] {
            #expect(strict.plainlyRefuses(host: host), "\(host)")
        }
        // Public literals, and names (resolved and checked at each delivery instead).
        for host in ["93.184.216.34", "[2606:4700::1111]", "hooks.slack.com", "example.com"] {
            #expect(!strict.plainlyRefuses(host: host), "\(host)")
        }
        // An operator's allowed range (development against local fakes) is allowed here too.
        let development = AddressPolicy(allowing: ["127.0.0.0/8"])!
        #expect(!development.plainlyRefuses(host: "127.0.0.1") && !development.plainlyRefuses(host: "localhost"))
        #expect(development.plainlyRefuses(host: "10.0.0.5"))
    }
}
