package dev.netcode.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IceCandidateTest {

    @Test
    void parsesChromiumHostCandidateAndKeepsExtensions() throws Exception {
        IceCandidate c = IceCandidate.parse(
                "candidate:1232016522 1 udp 2122260223 127.0.0.1 43848 typ host generation 0 network-id 2 network-cost 50");
        assertThat(c.foundation()).isEqualTo("1232016522");
        assertThat(c.componentId()).isEqualTo(1);
        assertThat(c.isUdp()).isTrue();
        assertThat(c.priority()).isEqualTo(2122260223L);
        assertThat(c.socketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 43848));
        assertThat(c.type()).isEqualTo(IceCandidateType.HOST);
        assertThat(c.extensions()).containsExactly(
                java.util.Map.entry("generation", "0"), java.util.Map.entry("network-id", "2"), java.util.Map.entry("network-cost", "50"));
        assertThat(c.toSdpValue()).isEqualTo(
                "candidate:1232016522 1 udp 2122260223 127.0.0.1 43848 typ host generation 0 network-id 2 network-cost 50");
    }

    @Test
    void mdnsHostnameStaysUnresolved() throws Exception {
        IceCandidate c = IceCandidate.parse(
                "a=candidate:3011776234 1 udp 2113937151 2f7c1e9b-6d3e-4c1a-9a11-0c8f0e4a7d21.local 54321 typ host generation 0 ufrag EsAw network-cost 999");
        assertThat(c.isMdns()).isTrue();
        assertThat(c.isIpLiteral()).isFalse();
        assertThat(c.socketAddress()).isNull();
        assertThat(c.address()).isEqualTo("2f7c1e9b-6d3e-4c1a-9a11-0c8f0e4a7d21.local");
        assertThat(c.extensions()).containsEntry("ufrag", "EsAw");
    }

    @Test
    void parsesSrflxWithRelatedAddressAndTcpType() throws Exception {
        IceCandidate srflx = IceCandidate.parse(
                "candidate:842163049 1 udp 1677729535 203.0.113.7 61234 typ srflx raddr 192.168.1.2 rport 54321 generation 0");
        assertThat(srflx.type()).isEqualTo(IceCandidateType.SERVER_REFLEXIVE);
        assertThat(srflx.relatedAddress()).isEqualTo("192.168.1.2");
        assertThat(srflx.relatedPort()).isEqualTo(54321);
        assertThat(IceCandidate.parse(srflx.toSdpValue())).isEqualTo(srflx);

        IceCandidate tcp = IceCandidate.parse("candidate:1557774136 1 tcp 1518214911 198.51.100.1 9 typ host tcptype active generation 0 network-id 1");
        assertThat(tcp.isUdp()).isFalse();
        assertThat(tcp.tcpType()).isEqualTo("active");
        assertThat(tcp.toSdpValue()).isEqualTo("candidate:1557774136 1 tcp 1518214911 198.51.100.1 9 typ host tcptype active generation 0 network-id 1");

        IceCandidate v6 = IceCandidate.parse("candidate:1 1 UDP 2122252543 2001:db8::1 5000 typ host");
        assertThat(v6.transport()).isEqualTo("udp");
        assertThat(v6.socketAddress().getPort()).isEqualTo(5000);
    }

    @Test
    void everyCandidateInTheBrowserFixturesRoundTrips() throws IOException, IceCandidateParseException {
        Path dir = Path.of(System.getProperty("netcode.fixtures", "../../shared/fixtures"), "sdp");
        List<String> lines;
        try (Stream<Path> files = Files.list(dir)) {
            lines = files.filter(p -> p.toString().endsWith(".sdp")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(l -> l.startsWith("a=candidate:")).toList();
        }
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            IceCandidate c = IceCandidate.parse(line);
            assertThat(IceCandidate.parse(c.toSdpValue())).isEqualTo(c);
            // Only the transport token's case may change.
            assertThat(("a=" + c.toSdpValue()).equalsIgnoreCase(line.strip())).as(line).isTrue();
        }
    }

    @Test
    void malformedCandidatesAreTypedErrors() {
        for (String bad : List.of("", "candidate:", "candidate:1 1 udp 1 1.2.3.4 5 typ",
                "candidate:1 1 udp 1 1.2.3.4 5 type host", "candidate:1 0 udp 1 1.2.3.4 5 typ host",
                "candidate:1 1 udp 99999999999 1.2.3.4 5 typ host", "candidate:1 1 udp 1 1.2.3.4 70000 typ host",
                "candidate:1 1 udp 1 1.2.3.4 5 typ bogus", "candidate:f@o 1 udp 1 1.2.3.4 5 typ host",
                "candidate:1 1 udp 1 1.2.3.4 5 typ host raddr", "candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr 1.2.3.4",
                "candidate:1 1 udp 1 bad!host 5 typ host", "candidate:1 1 udp 1 1.2.3.4 5 typ host  generation 0",
                "candidate:1 1 udp 1 1.2.3.4 5 typ host x " + "y".repeat(2000))) {
            assertThatThrownBy(() -> IceCandidate.parse(bad)).as(bad).isInstanceOf(IceCandidateParseException.class);
        }
    }

    @Test
    void candidatePriorityFollowsRfc8445Formula() {
        // (2^24)*126 + (2^8)*65535 + (256 - 1)
        assertThat(IcePriority.candidatePriority(126, 65535, 1)).isEqualTo(2130706431L);
        assertThat(IcePriority.candidatePriority(0, 0, 256)).isZero();
        assertThat(IcePriority.candidatePriority(100, 10, 2)).isEqualTo(100L * 16777216 + 10 * 256 + 254);
    }

    @Test
    void pairPriorityIsTheSameFromBothSides() {
        long g = 2130706431L; // controlling side's candidate
        long d = 1694498815L; // controlled side's candidate
        long expected = (1L << 32) * Math.min(g, d) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
        assertThat(IcePriority.pairPriority(g, d)).isEqualTo(expected);
        assertThat(IcePriority.pairPriority(IceRole.CONTROLLING, g, d)).isEqualTo(expected);
        assertThat(IcePriority.pairPriority(IceRole.CONTROLLED, d, g)).isEqualTo(expected);
        // Swapped roles: now d is the controlling one, so the tie bit flips.
        long swapped = (1L << 32) * Math.min(g, d) + 2 * Math.max(g, d) + (d > g ? 1 : 0);
        assertThat(IcePriority.pairPriority(IceRole.CONTROLLING, d, g)).isEqualTo(swapped).isEqualTo(expected - 1);
        // Unsigned: the maximum exceeds Long.MAX_VALUE and must still order above smaller pairs.
        long top = IcePriority.candidatePriority(126, 65535, 1);
        long max = IcePriority.pairPriority(top, top);
        assertThat(Long.compareUnsigned(max, expected)).isPositive();
    }
}
