package dev.netcode.core.transport.conformance;

import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.memory.InMemoryNetwork;

/** The in-memory transport against the conformance kit. */
class InMemoryTransportConformanceTest extends TransportConformanceTest {

    static Fixture inMemoryFixture() {
        InMemoryNetwork network = InMemoryNetwork.builder()
                .maxMessageSizeBytes(64 * 1024)
                .maxBufferedBytes(512 * 1024)
                .build();
        Transport server = network.transport();
        Transport client = network.transport();
        return new Fixture() {
            @Override
            public Transport serverTransport() {
                return server;
            }

            @Override
            public Transport clientTransport() {
                return client;
            }

            @Override
            public String address() {
                return "conformance";
            }

            @Override
            public void close() {
                client.close();
                server.close();
                network.close();
            }
        };
    }

    @Override
    protected Fixture newFixture() {
        return inMemoryFixture();
    }
}
