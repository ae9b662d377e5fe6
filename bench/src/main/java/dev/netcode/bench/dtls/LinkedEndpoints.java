package dev.netcode.bench.dtls;

import dev.netcode.webrtc.dtls.DatagramPath;
import dev.netcode.webrtc.dtls.DtlsCertificate;
import dev.netcode.webrtc.dtls.DtlsConfig;
import dev.netcode.webrtc.dtls.DtlsCryptoBackend;
import dev.netcode.webrtc.dtls.DtlsEndpoint;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import dev.netcode.webrtc.dtls.DtlsListener;
import dev.netcode.webrtc.dtls.DtlsRole;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Two DTLS endpoints joined back to back in memory. During the handshake datagrams hop through
 * {@code relay} (as a network would; a direct call could deadlock two endpoints completing at once);
 * once both are connected, {@link #goDirect()} makes a send decrypt synchronously on the caller's
 * thread, so one benchmark operation is exactly one protect plus one unprotect.
 */
final class LinkedEndpoints implements AutoCloseable {
    static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();
    static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();

    final DtlsEndpoint client;
    final DtlsEndpoint server;
    final CompletableFuture<Void> clientConnected = new CompletableFuture<>();
    final CompletableFuture<Void> serverConnected = new CompletableFuture<>();
    private final Link toServer;
    private final Link toClient;
    /** Bytes of application data the server received; read by benchmarks to defeat dead-code elimination. */
    long serverReceivedBytes;

    LinkedEndpoints(DtlsCryptoBackend backend, DtlsHandshakeExecutor handshakes, ExecutorService relay) {
        this(backend, false, handshakes, relay);
    }

    LinkedEndpoints(DtlsCryptoBackend backend, boolean helloVerifyRequest, DtlsHandshakeExecutor handshakes,
            ExecutorService relay) {
        DtlsConfig config = DtlsConfig.builder().cryptoBackend(backend).helloVerifyRequest(helloVerifyRequest).build();
        this.toServer = new Link(relay);
        this.toClient = new Link(relay);
        this.client = DtlsEndpoint.builder().role(DtlsRole.CLIENT).localCertificate(CLIENT_CERT)
                .remoteFingerprint(SERVER_CERT.fingerprint()).datagramPath(toServer).config(config)
                .handshakeExecutor(handshakes).listener(new DtlsListener() {
                    @Override
                    public void onConnected(DtlsEndpoint endpoint) {
                        clientConnected.complete(null);
                    }
                }).build();
        this.server = DtlsEndpoint.builder().role(DtlsRole.SERVER).localCertificate(SERVER_CERT)
                .remoteFingerprint(CLIENT_CERT.fingerprint()).datagramPath(toClient).config(config)
                .handshakeExecutor(handshakes).listener(new DtlsListener() {
                    @Override
                    public void onConnected(DtlsEndpoint endpoint) {
                        serverConnected.complete(null);
                    }

                    @Override
                    public void onApplicationData(DtlsEndpoint endpoint, ByteBuffer record) {
                        serverReceivedBytes += record.remaining();
                    }
                }).build();
        toServer.peer = server;
        toClient.peer = client;
    }

    void handshake(long timeoutMs) throws Exception {
        client.start();
        server.start();
        CompletableFuture.allOf(clientConnected, serverConnected).get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    void goDirect() {
        toServer.direct = true;
        toClient.direct = true;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    private static final class Link implements DatagramPath {
        private final ExecutorService relay;
        volatile DtlsEndpoint peer;
        volatile boolean direct;

        Link(ExecutorService relay) {
            this.relay = relay;
        }

        @Override
        public void send(ByteBuffer datagram) {
            if (direct) {
                peer.receive(datagram);
                return;
            }
            byte[] copy = new byte[datagram.remaining()];
            datagram.get(copy);
            relay.execute(() -> peer.receive(ByteBuffer.wrap(copy)));
        }
    }
}
