package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Java-to-Java DTLS over the in-memory pipe: handshake, data, failures, impairment. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsEndpointTest {
    private static final long SEED = Long.getLong("netcode.seed", 0x5eedL);
    private static DtlsHandshakeExecutor executor;

    @BeforeAll
    static void setUp() {
        System.out.println("DtlsEndpointTest seed=" + SEED);
        executor = DtlsHandshakeExecutor.create(4, 64);
        // One handshake first so that class loading and JIT on a busy machine do not count against
        // the protocol-level time limits asserted below (e.g. mismatch detected within 5 s).
        try (DtlsPair warmUp = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().build(), executor)) {
            warmUp.start();
            warmUp.listenerA.connected.get(60, TimeUnit.SECONDS);
            warmUp.listenerB.connected.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("warm-up handshake failed", e);
        }
    }

    @AfterAll
    static void tearDown() {
        executor.close();
    }

    private static DtlsConfig.Builder fastConfig() {
        return DtlsConfig.builder().handshakeTimeoutMs(20_000).initialRetransmitMs(200);
    }

    @ParameterizedTest(name = "a={0}, backend={1}")
    @CsvSource({"CLIENT, JCA", "SERVER, JCA", "CLIENT, BC", "SERVER, BC", "CLIENT, HYBRID", "SERVER, HYBRID"})
    void handshakeVerifiesFingerprintsAndCarriesDataBothWays(DtlsRole roleOfA, DtlsCryptoBackend backend)
            throws Exception {
        DtlsConfig config = fastConfig().cryptoBackend(backend).build();
        try (DtlsPair pair = new DtlsPair(SEED, roleOfA, config, executor)) {
            pair.start();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            pair.listenerB.connected.get(20, TimeUnit.SECONDS);

            assertThat(pair.a.state()).isEqualTo(DtlsState.CONNECTED);
            assertThat(pair.a.remoteFingerprintVerified()).isTrue();
            assertThat(pair.b.remoteFingerprintVerified()).isTrue();
            assertThat(pair.a.cipherSuiteName()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(pair.a.maxApplicationRecordBytes()).isGreaterThanOrEqualTo(1200);
            assertThat(pair.a.handshakeDurationMs()).isGreaterThanOrEqualTo(0);

            exchange(pair.a, pair.listenerB, 300, 1200, new Random(SEED));
            exchange(pair.b, pair.listenerA, 300, 1200, new Random(SEED + 1));
            exchange(pair.a, pair.listenerB, 50, 1, new Random(SEED + 2));
            assertThat(pair.listenerB.applicationDataThread.getName()).startsWith("pipe-");
            // Only late duplicates of handshake flights may have been discarded.
            assertThat(pair.a.datagramsDropped()).isLessThan(5);
            assertThat(pair.b.datagramsDropped()).isLessThan(5);
        }
    }

    /** Sends {@code count} random records and checks they arrive intact and in order (the pipe keeps order). */
    static void exchange(DtlsEndpoint from, RecordingListener to, int count, int sizeBytes, Random random)
            throws InterruptedException {
        byte[][] sent = new byte[count][];
        for (int i = 0; i < count; i++) {
            sent[i] = new byte[sizeBytes];
            random.nextBytes(sent[i]);
            from.send(ByteBuffer.wrap(sent[i]));
        }
        for (int i = 0; i < count; i++) {
            byte[] got = to.received.poll(10, TimeUnit.SECONDS);
            assertThat(got).as("record %d of %d", i, count).isNotNull();
            assertThat(Arrays.equals(got, sent[i])).as("record %d intact", i).isTrue();
        }
    }

    @ParameterizedTest(name = "tampered fingerprint expected by the {0}")
    @EnumSource(DtlsRole.class)
    void tamperedFingerprintFailsWithTypedErrorWithinFiveSeconds(DtlsRole verifyingRole) throws Exception {
        CertificateFingerprint wrong = DtlsCertificate.generate().fingerprint();
        // "a" is the verifying side and gets the wrong expectation; "b" expects the right one.
        try (DtlsPair pair = new DtlsPair(SEED, verifyingRole, fastConfig().build(), executor,
                wrong, DtlsPair.CERT_A.fingerprint())) {
            long startNs = System.nanoTime();
            pair.start();
            DtlsException failure = pair.listenerA.failed.get(5, TimeUnit.SECONDS);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

            assertThat(failure).isInstanceOf(DtlsFingerprintMismatchException.class);
            DtlsFingerprintMismatchException mismatch = (DtlsFingerprintMismatchException) failure;
            assertThat(mismatch.expected()).isEqualTo(wrong);
            assertThat(mismatch.actual()).isEqualTo(DtlsPair.CERT_B.fingerprint());
            assertThat(elapsedMs).isLessThan(5_000);
            assertThat(pair.a.state()).isEqualTo(DtlsState.FAILED);

            // The other side learns through the bad_certificate alert, also quickly.
            DtlsException peerFailure = pair.listenerB.failed.get(5, TimeUnit.SECONDS);
            assertThat(peerFailure).isInstanceOf(DtlsAlertException.class);
            assertThat(((DtlsAlertException) peerFailure).alertDescription()).isEqualTo(AlertDescription.bad_certificate);
            assertThat(((DtlsAlertException) peerFailure).receivedFromPeer()).isTrue();
            assertThat(pair.listenerA.connected).isCompletedExceptionally();
        }
    }

    @ParameterizedTest(name = "silent peer, we are {0}")
    @EnumSource(DtlsRole.class)
    void silentPeerTimesOutWithTypedError(DtlsRole role) throws Exception {
        DtlsConfig config = fastConfig().handshakeTimeoutMs(1_500).build();
        try (DtlsPair pair = new DtlsPair(SEED, role, config, executor)) {
            pair.pipe.aToB().blackhole(true);
            pair.pipe.bToA().blackhole(true);
            pair.a.start(); // b never starts and hears nothing anyway
            DtlsException failure = pair.listenerA.failed.get(15, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(DtlsHandshakeTimeoutException.class);
            assertThat(((DtlsHandshakeTimeoutException) failure).timeoutMs()).isEqualTo(1_500);
            assertThat(pair.a.state()).isEqualTo(DtlsState.FAILED);
        }
    }

    @Test
    void earlyStartedHandshakeWaitsForThePathAndTimesOutOnlyAfterPathReady() throws Exception {
        DtlsConfig config = fastConfig().handshakeTimeoutMs(1_000).build();
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, config, executor)) {
            pair.pipe.aToB().blackhole(true);
            pair.pipe.bToA().blackhole(true);
            pair.a.startEarly(60_000);
            pair.b.startEarly(60_000);
            // Longer than the handshake timeout, but the path is not ready: nothing fails.
            Thread.sleep(1_500);
            assertThat(pair.listenerA.failed).isNotDone();
            assertThat(pair.a.state()).isEqualTo(DtlsState.CONNECTING);
            // Ready but still silent: the timeout now counts, from pathReady().
            long readyNs = System.nanoTime();
            pair.a.pathReady();
            DtlsException failure = pair.listenerA.failed.get(15, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(DtlsHandshakeTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readyNs)).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void earlyStartedHandshakeCompletesOncePathCarriesDatagrams() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().build(), executor)) {
            pair.a.startEarly(10_000);
            pair.b.startEarly(10_000);
            pair.a.pathReady();
            pair.b.pathReady();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            pair.listenerB.connected.get(20, TimeUnit.SECONDS);
            assertThat(pair.a.remoteFingerprintVerified()).isTrue();
            assertThat(pair.b.remoteFingerprintVerified()).isTrue();
            assertThat(pair.a.handshakeDurationMs()).isNotNegative();
            exchange(pair.a, pair.listenerB, 10, 1200, new Random(SEED));
        }
    }

    @Test
    void earlyStartedHandshakeGivesUpAfterTheMaximumPathWait() throws Exception {
        DtlsConfig config = fastConfig().handshakeTimeoutMs(500).build();
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, config, executor)) {
            pair.pipe.aToB().blackhole(true);
            pair.a.startEarly(300); // path never ready: gives up after 300 + 500 ms
            DtlsException failure = pair.listenerA.failed.get(15, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(DtlsHandshakeTimeoutException.class);
            assertThat(pair.a.state()).isEqualTo(DtlsState.FAILED);
        }
    }

    @Test
    void garbageDatagramsAreDroppedAndCountedWithoutKillingTheSession() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().build(), executor)) {
            pair.start();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            pair.listenerB.connected.get(20, TimeUnit.SECONDS);
            Random random = new Random(SEED);
            int garbage = 2_000;
            for (int i = 0; i < garbage; i++) {
                pair.b.receive(ByteBuffer.wrap(garbageDatagram(random)));
            }
            assertThat(pair.b.state()).isEqualTo(DtlsState.CONNECTED);
            assertThat(pair.b.datagramsDropped()).isEqualTo(garbage);
            // Unencrypted epoch-0 handshake garbage reaches BouncyCastle's retransmission logic: still harmless.
            for (int i = 0; i < 500; i++) {
                byte[] d = garbageDatagram(random);
                if (d.length >= 13) {
                    d[0] = 22;
                    d[1] = (byte) 254;
                    d[3] = 0;
                    d[4] = 0;
                }
                pair.b.receive(ByteBuffer.wrap(d));
                pair.a.receive(ByteBuffer.wrap(d));
            }
            assertThat(pair.a.state()).isEqualTo(DtlsState.CONNECTED);
            assertThat(pair.b.state()).isEqualTo(DtlsState.CONNECTED);
            assertThat(pair.listenerB.received).isEmpty();
            exchange(pair.a, pair.listenerB, 20, 1200, random);
            exchange(pair.b, pair.listenerA, 20, 1200, random);
        }
    }

    /** Random bytes, half of them shaped like a plausible DTLS record header so they reach BouncyCastle. */
    static byte[] garbageDatagram(Random random) {
        byte[] d = new byte[1 + random.nextInt(1300)];
        random.nextBytes(d);
        if (random.nextBoolean() && d.length >= 13) {
            d[0] = (byte) (20 + random.nextInt(5));
            d[1] = (byte) 254;
            d[2] = (byte) 253;
            d[3] = 0;
            d[4] = (byte) (1 + random.nextInt(2)); // encrypted epochs: must fail authentication
            int length = d.length - 13;
            d[11] = (byte) (length >> 8);
            d[12] = (byte) length;
        }
        return d;
    }

    @ParameterizedTest(name = "seed offset {0}")
    @ValueSource(ints = {1, 2, 3})
    void handshakeSurvivesLossDuplicationAndReordering(int seedOffset) throws Exception {
        long seed = SEED + seedOffset;
        System.out.println("lossy handshake seed=" + seed);
        DtlsConfig config = fastConfig().handshakeTimeoutMs(40_000).initialRetransmitMs(100).build();
        try (DtlsPair pair = new DtlsPair(seed, DtlsRole.CLIENT, config, executor)) {
            pair.pipe.impair(0.2, 0.2, 0.3);
            // Certain loss of the first ClientHello and of the first server answer, then random impairment.
            pair.pipe.aToB().dropNext(1);
            pair.pipe.bToA().dropNext(1);
            pair.start();
            pair.listenerA.connected.get(45, TimeUnit.SECONDS);
            pair.listenerB.connected.get(45, TimeUnit.SECONDS);
            System.out.println("lossy handshake seed=" + seed + " took " + pair.a.handshakeDurationMs() + " ms, "
                    + (pair.pipe.aToB().dropped.get() + pair.pipe.bToA().dropped.get()) + " datagrams lost");
            assertThat(pair.pipe.aToB().dropped.get()).isPositive();
            assertThat(pair.pipe.bToA().dropped.get()).isPositive();
            // Duplicates and late handshake retransmissions may still be in flight; data must flow anyway.
            pair.pipe.clearImpairment();
            exchange(pair.a, pair.listenerB, 50, 1200, new Random(seed));
            exchange(pair.b, pair.listenerA, 50, 1200, new Random(seed));
        }
    }

    @Test
    void earlyAndDuplicatedClientHelloBeforeServerStarts() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().initialRetransmitMs(100).build(),
                executor)) {
            pair.pipe.impair(0, 1.0, 0); // every datagram twice
            pair.a.start();
            // The client's ClientHello and a retransmission reach the server before it starts.
            Thread.sleep(400);
            assertThat(pair.b.state()).isEqualTo(DtlsState.NEW);
            pair.b.start();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            pair.listenerB.connected.get(20, TimeUnit.SECONDS);
            pair.pipe.clearImpairment();
            exchange(pair.a, pair.listenerB, 10, 1200, new Random(SEED));
        }
    }

    @Test
    void withoutCookieTheServerAnswersTheFirstClientHelloWithItsFlight() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().build(), executor)) {
            pair.start();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            pair.listenerB.connected.get(20, TimeUnit.SECONDS);
            // Default (DtlsConfig#helloVerifyRequest false): no HelloVerifyRequest, the server's first
            // datagram starts with ServerHello (handshake type 2).
            byte[] first = pair.pipe.bToA().firstDatagrams().get(0);
            assertThat(first[0]).isEqualTo((byte) 22);
            assertThat(first[13]).isEqualTo((byte) 2);
            exchange(pair.a, pair.listenerB, 10, 1200, new Random(SEED));
        }
    }

    @Test
    void helloVerifyRequestCookieAndPackedFlights() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().helloVerifyRequest(true).build(), executor)) {
            pair.start();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            byte[] first = pair.pipe.bToA().firstDatagrams().get(0);
            // RFC 6347 §4.2.1: record type handshake(22), message type hello_verify_request(3).
            assertThat(first[0]).isEqualTo((byte) 22);
            assertThat(first[13]).isEqualTo((byte) 3);
            // ...so the client sent its ClientHello (type 1) twice, the second time with the cookie.
            assertThat(pair.pipe.aToB().firstDatagrams().subList(0, 2))
                    .allSatisfy(d -> assertThat(d[13]).isEqualTo((byte) 1));
            // Each flight is packed into one datagram, e.g. the client's last one:
            // Certificate(11), ClientKeyExchange(16), CertificateVerify(15), ChangeCipherSpec, Finished.
            // (Searched for rather than indexed: a busy machine may have retransmitted a ClientHello.)
            assertThat(pair.pipe.aToB().firstDatagrams()).map(MemoryDatagramPipe::describe)
                    .contains("[22 e0 hs11][22 e0 hs16][22 e0 hs15][20 e0][22 e1]");
        }
    }

    @Test
    void closeSendsCloseNotifyAndThePeerCloses() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.SERVER, fastConfig().build(), executor)) {
            pair.start();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            pair.listenerB.connected.get(20, TimeUnit.SECONDS);
            pair.a.close();
            assertThat(pair.listenerA.closed.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(pair.listenerB.closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pair.b.state()).isEqualTo(DtlsState.CLOSED);
            assertThat(pair.listenerB.failed).isNotDone();
            assertThatThrownBy(() -> pair.b.send(ByteBuffer.allocate(10))).isInstanceOf(DtlsException.class);
        }
    }

    @Test
    void sendRejectsBeforeConnectAndOversizedRecords() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().build(), executor)) {
            assertThatThrownBy(() -> pair.a.send(ByteBuffer.allocate(10)))
                    .isInstanceOf(DtlsException.class).hasMessageContaining("NEW");
            pair.start();
            pair.listenerA.connected.get(20, TimeUnit.SECONDS);
            pair.listenerB.connected.get(20, TimeUnit.SECONDS);
            int limit = pair.a.maxApplicationRecordBytes();
            assertThatThrownBy(() -> pair.a.send(ByteBuffer.allocate(limit + 1)))
                    .isInstanceOf(DtlsException.class).hasMessageContaining("exceeds");
            // The refused send did not hurt the session; a direct buffer works too.
            ByteBuffer direct = ByteBuffer.allocateDirect(limit);
            pair.a.send(direct);
            assertThat(pair.listenerB.received.poll(10, TimeUnit.SECONDS)).hasSize(limit);
            assertThatThrownBy(pair.a::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeDuringHandshakeAbortsWithoutFailure() throws Exception {
        try (DtlsPair pair = new DtlsPair(SEED, DtlsRole.CLIENT, fastConfig().build(), executor)) {
            pair.pipe.aToB().blackhole(true);
            pair.a.start();
            Thread.sleep(200);
            pair.a.close();
            assertThat(pair.listenerA.closed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pair.a.state()).isEqualTo(DtlsState.CLOSED);
            Thread.sleep(300);
            assertThat(pair.listenerA.failed).isNotDone();
        }
    }

    @Test
    void manyConcurrentHandshakesShareTheDefaultExecutor() throws Exception {
        int pairs = 40;
        java.util.List<DtlsPair> all = new java.util.ArrayList<>();
        try (DtlsHandshakeExecutor shared = DtlsHandshakeExecutor.createDefault()) {
            for (int i = 0; i < pairs; i++) {
                DtlsPair pair = new DtlsPair(SEED + i, i % 2 == 0 ? DtlsRole.CLIENT : DtlsRole.SERVER,
                        fastConfig().handshakeTimeoutMs(60_000).build(), shared);
                all.add(pair);
                pair.start();
            }
            for (DtlsPair pair : all) {
                pair.listenerA.connected.get(60, TimeUnit.SECONDS);
                pair.listenerB.connected.get(60, TimeUnit.SECONDS);
                pair.a.send(ByteBuffer.wrap(new byte[] {42}));
                assertThat(pair.listenerB.received.poll(10, TimeUnit.SECONDS)).containsExactly(42);
            }
        } finally {
            all.forEach(DtlsPair::close);
        }
    }

    @Test
    void saturatedExecutorFailsTheEndpoint() throws Exception {
        try (DtlsHandshakeExecutor tiny = DtlsHandshakeExecutor.create(1, 1)) {
            DtlsConfig config = fastConfig().handshakeTimeoutMs(2_000).build();
            try (DtlsPair first = new DtlsPair(SEED, DtlsRole.CLIENT, config, tiny);
                    DtlsPair second = new DtlsPair(SEED, DtlsRole.CLIENT, config, tiny)) {
                first.pipe.aToB().blackhole(true);
                second.pipe.aToB().blackhole(true);
                first.a.start();   // runs
                first.b.start();   // waits
                second.a.start();  // refused
                DtlsException failure = second.listenerA.failed.get(5, TimeUnit.SECONDS);
                assertThat(failure).hasMessageContaining("saturated");
            }
        }
    }

    @Test
    void handshakeFailureIsReportedNotThrownFromStart() {
        // A config error is caught at build time, naming the setting.
        assertThatThrownBy(() -> DtlsConfig.builder().handshakeMtuBytes(100).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshakeMtuBytes");
        assertThatThrownBy(() -> DtlsConfig.builder().maxDatagramSizeBytes(1000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDatagramSizeBytes");
    }

    static void unwrap(ExecutionException e) {
        throw new AssertionError(e.getCause());
    }
}
