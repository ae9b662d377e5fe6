package dev.netcode.core.transport.conformance;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/**
 * The conformance kit through the link conditioner at every preset: reliable channels must stay
 * exactly-once and in order even at {@code unplayable}. The client side is conditioned (both
 * directions), as a game would do it.
 */
@Tag("slow")
class ConditionedTransportConformanceTest {
    static final long SEED = 20_261_126L;

    static TransportConformanceTest.Fixture conditioned(LinkPreset preset) {
        TransportConformanceTest.Fixture plain = InMemoryTransportConformanceTest.inMemoryFixture();
        Transport client = Transports.conditioned(plain.clientTransport(), preset, SEED);
        System.out.println("[conformance] preset " + preset.cliName() + " seed " + SEED);
        return new TransportConformanceTest.Fixture() {
            @Override
            public Transport serverTransport() {
                return plain.serverTransport();
            }

            @Override
            public Transport clientTransport() {
                return client;
            }

            @Override
            public String address() {
                return plain.address();
            }

            @Override
            public void close() {
                client.close();
                plain.close();
            }
        };
    }

    @Nested
    class Lan extends TransportConformanceTest {
        @Override
        protected Fixture newFixture() {
            return conditioned(LinkPreset.LAN);
        }
    }

    @Nested
    class BroadbandP50 extends TransportConformanceTest {
        @Override
        protected Fixture newFixture() {
            return conditioned(LinkPreset.BROADBAND_P50);
        }
    }

    @Nested
    class BroadbandP95 extends TransportConformanceTest {
        @Override
        protected Fixture newFixture() {
            return conditioned(LinkPreset.BROADBAND_P95);
        }
    }

    @Nested
    class Mobile4gP95 extends TransportConformanceTest {
        @Override
        protected Fixture newFixture() {
            return conditioned(LinkPreset.MOBILE_4G_P95);
        }
    }

    @Nested
    class Unplayable extends TransportConformanceTest {
        @Override
        protected Fixture newFixture() {
            return conditioned(LinkPreset.UNPLAYABLE);
        }
    }
}
