package dev.netcode.webrtc.dtls;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional JIT warm-up: runs complete DTLS handshakes between two throw-away endpoints in memory,
 * in the background, so that the JVM has compiled the handshake code before real peers connect.
 *
 * <pre>{@code
 * DtlsHandshakeExecutor handshakes = DtlsHandshakeExecutor.createDefault();
 * DtlsWarmUp.start(handshakes, DtlsConfig.defaults(), 300);   // at server start, fire and forget
 * }</pre>
 *
 * <p>Why: a handshake is mostly BouncyCastle code that runs a few times per connection. Until the JIT
 * has compiled it (a few hundred handshakes), a handshake costs several times the CPU of a warm one:
 * on the 2-core CI machine, two endpoints in memory spend about 2.4 ms of handshake-thread CPU per
 * handshake after 30 handshakes and about 0.85 ms after 2000
 * ({@code dev.netcode.bench.dtls.DtlsHandshakeCpu}).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>It costs CPU: roughly one CPU-second for 300 handshakes on a cold JVM, spread over one
 *       background thread plus the handshake executor. Worth it on a server; think twice on a
 *       client that starts while rendering its first frames.</li>
 *   <li>It occupies up to two threads of the handshake executor at a time; real handshakes still
 *       run beside it.</li>
 *   <li>Nothing of the warm-up is kept: certificates, keys and sessions are discarded.</li>
 * </ul>
 */
public final class DtlsWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsWarmUp.class);

    private DtlsWarmUp() {
    }

    /**
     * Starts {@code handshakes} sequential in-memory handshakes on a daemon thread and returns at once.
     *
     * @return completes with the number of handshakes that succeeded, once all have run
     * @throws IllegalArgumentException if {@code handshakes} is not in [0, 100000]
     */
    public static CompletableFuture<Integer> start(DtlsHandshakeExecutor executor, DtlsConfig config, int handshakes) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(config, "config");
        if (handshakes < 0 || handshakes > 100_000) {
            throw new IllegalArgumentException("handshakes must be in [0, 100000], got " + handshakes);
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread t = new Thread(() -> done.complete(run(executor, config, handshakes)), "netcode-dtls-warmup");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static int run(DtlsHandshakeExecutor executor, DtlsConfig config, int handshakes) {
        DtlsCertificate clientCert = DtlsCertificate.generate();
        DtlsCertificate serverCert = DtlsCertificate.generate();
        // Datagrams hop through one relay thread, as through a network: a direct call could deadlock
        // two endpoints that finish at the same moment.
        ExecutorService relay = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netcode-dtls-warmup-relay");
            t.setDaemon(true);
            return t;
        });
        int ok = 0;
        try {
            for (int i = 0; i < handshakes; i++) {
                if (handshake(executor, config, clientCert, serverCert, relay)) {
                    ok++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            relay.shutdownNow();
        }
        LOG.debug("DTLS warm-up: {} of {} handshakes", ok, handshakes);
        return ok;
    }

    private static boolean handshake(DtlsHandshakeExecutor executor, DtlsConfig config, DtlsCertificate clientCert,
            DtlsCertificate serverCert, ExecutorService relay) throws InterruptedException {
        Relay toServer = new Relay(relay);
        Relay toClient = new Relay(relay);
        CompletableFuture<Void> clientUp = new CompletableFuture<>();
        CompletableFuture<Void> serverUp = new CompletableFuture<>();
        DtlsEndpoint client = endpoint(DtlsRole.CLIENT, clientCert, serverCert, toServer, executor, config, clientUp);
        DtlsEndpoint server = endpoint(DtlsRole.SERVER, serverCert, clientCert, toClient, executor, config, serverUp);
        toServer.peer = server;
        toClient.peer = client;
        try {
            client.start();
            server.start();
            CompletableFuture.allOf(clientUp, serverUp).get(config.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } finally {
            client.close();
            server.close();
        }
    }

    private static DtlsEndpoint endpoint(DtlsRole role, DtlsCertificate local, DtlsCertificate remote, DatagramPath path,
            DtlsHandshakeExecutor executor, DtlsConfig config, CompletableFuture<Void> up) {
        return DtlsEndpoint.builder().role(role).localCertificate(local).remoteFingerprint(remote.fingerprint())
                .datagramPath(path).config(config).handshakeExecutor(executor).listener(new DtlsListener() {
                    @Override
                    public void onConnected(DtlsEndpoint endpoint) {
                        up.complete(null);
                    }

                    @Override
                    public void onFailed(DtlsEndpoint endpoint, DtlsException cause) {
                        up.completeExceptionally(cause);
                    }
                }).build();
    }

    /** Copies each datagram and delivers it to the peer on the relay thread. */
    private static final class Relay implements DatagramPath {
        private final ExecutorService relay;
        volatile DtlsEndpoint peer;

        Relay(ExecutorService relay) {
            this.relay = relay;
        }

        @Override
        public void send(ByteBuffer datagram) {
            byte[] copy = new byte[datagram.remaining()];
            datagram.get(copy);
            DtlsEndpoint p = peer;
            try {
                relay.execute(() -> p.receive(ByteBuffer.wrap(copy)));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Warm-up over: nothing to deliver.
            }
        }
    }
}
