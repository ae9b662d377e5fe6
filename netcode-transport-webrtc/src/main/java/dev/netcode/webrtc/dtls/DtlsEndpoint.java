package dev.netcode.webrtc.dtls;

import dev.netcode.webrtc.dtls.internal.AesGcm;
import dev.netcode.webrtc.dtls.internal.ApplicationDataReader;
import dev.netcode.webrtc.dtls.internal.DatagramQueueTransport;
import dev.netcode.webrtc.dtls.internal.HandshakeTrace;
import dev.netcode.webrtc.dtls.internal.HybridTlsCrypto;
import dev.netcode.webrtc.dtls.internal.ReceiveScratch;
import dev.netcode.webrtc.dtls.internal.RecordKeys;
import dev.netcode.webrtc.dtls.internal.DtlsRecordFilter;
import dev.netcode.webrtc.dtls.internal.PeerCertificateCheck;
import dev.netcode.webrtc.dtls.internal.WebRtcDtlsClient;
import dev.netcode.webrtc.dtls.internal.WebRtcDtlsServer;
import dev.netcode.webrtc.dtls.internal.WebRtcCipherSuites;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSRecordCallback;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS 1.2 association of a WebRTC peer connection (RFC 6347, used as RFC 8827 §6.5 and
 * RFC 8842 describe), over an abstract {@link DatagramPath}.
 *
 * <pre>{@code
 * DtlsHandshakeExecutor handshakes = DtlsHandshakeExecutor.createDefault();   // one per process
 * DtlsCertificate cert = DtlsCertificate.generate();                          // a=fingerprint of ours
 *
 * DtlsEndpoint dtls = DtlsEndpoint.builder()
 *         .role(DtlsRole.fromRemoteSetup(remoteSetup, config.actpassAnswerRole()))
 *         .localCertificate(cert)
 *         .remoteFingerprint(CertificateFingerprint.parse(remoteFingerprintValue))
 *         .datagramPath(datagram -> selectedPair.send(datagram))
 *         .listener(myListener)
 *         .handshakeExecutor(handshakes)
 *         .build();
 * dtls.start();
 * // for every datagram whose first byte is 20..63 (RFC 7983):
 * dtls.receive(datagram);
 * // once connected:
 * dtls.send(sctpPacket);
 * }</pre>
 *
 * <h2>Threads</h2>
 * BouncyCastle's handshake API blocks, so {@link #start()} runs the handshake on the
 * {@link DtlsHandshakeExecutor}; datagrams passed to {@link #receive} meanwhile go to a bounded
 * per-endpoint queue that the handshake reads. Once connected, no thread is held: {@link #send}
 * encrypts on the caller's thread and hands the record to the path, and {@link #receive} decrypts
 * on the feeding thread and calls {@link DtlsListener#onApplicationData} right there. {@link #send},
 * {@link #receive} and {@link #close} of one endpoint are serialized by one lock (BouncyCastle's
 * record layer is not safe otherwise); it is held while the listener runs, and reentrant, so a
 * listener may call {@link #send}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li><b>The fingerprint is the only authentication.</b> The peer's certificate is self-signed; it
 *       is accepted only if it hashes to the {@code a=fingerprint} of the remote description, and a
 *       mismatch fails with {@link DtlsFingerprintMismatchException} on this side and a
 *       {@code bad_certificate} alert on the other. Protect the signaling channel accordingly.</li>
 *   <li><b>renegotiation_info.</b> Chromium (BoringSSL) insists on secure renegotiation indication
 *       (RFC 5746); the client sends the empty extension explicitly and the server echoes it.
 *       Renegotiation itself is never performed.</li>
 *   <li><b>Blocking handshake.</b> Never call {@link #start()} expecting it to finish the handshake,
 *       and never hand an event loop to {@link DtlsHandshakeExecutor}: {@link DtlsListener#onConnected}
 *       arrives later on a handshake thread.</li>
 *   <li><b>MTU.</b> Handshake flights are fragmented to {@link DtlsConfig#handshakeMtuBytes()}
 *       (1200). The layer above must keep each {@link #send} to a size that fits the path: SCTP
 *       packets of about 1200 bytes, which become 1237-byte datagrams with AES-GCM.</li>
 *   <li><b>Early datagrams.</b> A ClientHello may arrive before {@link #start()}: construct the
 *       endpoint as soon as the role is known and feed it; it queues up to
 *       {@link DtlsConfig#receiveQueueCapacity()} datagrams.</li>
 *   <li><b>Application data racing the handshake.</b> Records of the new epoch that arrive before
 *       the final Finished are dropped (BouncyCastle does not buffer them); SCTP retransmits.</li>
 *   <li>Datagrams that are not well-formed DTLS records, fail authentication or are replays are
 *       dropped and counted in {@link #datagramsDropped()}; they never fail the session.</li>
 * </ul>
 */
public final class DtlsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsEndpoint.class);
    /** AES-GCM: 8-byte explicit nonce + 16-byte tag (RFC 5288 §3). */
    private static final int GCM_OVERHEAD_BYTES = 24;

    private final DtlsRole role;
    private final DtlsCertificate localCertificate;
    private final CertificateFingerprint remoteFingerprint;
    private final DtlsListener listener;
    private final DtlsConfig config;
    private final DtlsHandshakeExecutor executor;
    private final DatagramQueueTransport transport;
    private final PeerCertificateCheck check;
    private final AtomicReference<DtlsState> state = new AtomicReference<>(DtlsState.NEW);
    /**
     * Serializes every use of BouncyCastle's record layer: it is not safe for a send to race a
     * receive that retransmits the final handshake flight (the write epoch is switched meanwhile).
     * Uncontended in the intended use, where one event loop owns the connection.
     */
    private final Object sessionLock = new Object();
    private final RecordCounter recordCounter = new RecordCounter();
    /** Diagnostic time stamps of the handshake, or null (no sink installed). */
    private final HandshakeTrace trace;

    private final AtomicLong datagramsReceived = new AtomicLong();
    private final AtomicLong datagramsDropped = new AtomicLong();
    private final AtomicLong recordsReceived = new AtomicLong();
    private final AtomicLong recordsSent = new AtomicLong();

    /** Started by {@link #startEarly}: the handshake timeout waits for {@link #pathReady()}. */
    private volatile boolean early;
    private volatile long maxPathWaitNs;
    /** When {@link #pathReady()} was first called, or 0. */
    private volatile long pathReadyNs;
    private volatile DTLSTransport session;
    private volatile int selectedCipherSuite = -1;
    private volatile long handshakeDurationNs = -1;
    private volatile int minEncryptedFragmentBytes = GCM_OVERHEAD_BYTES;
    /**
     * Guarded by sessionLock: BouncyCastle's receive limit. Records are decrypted into the
     * processing thread's {@link ReceiveScratch}, not a buffer per endpoint (16 KiB per connection).
     */
    private int receiveLimitBytes;
    /** Guarded by sessionLock: the own AES-GCM application-data path, or null (other suites, other backends). */
    private ApplicationDataReader applicationDataReader;

    private DtlsEndpoint(Builder b) {
        this.role = b.role;
        this.localCertificate = b.localCertificate;
        this.remoteFingerprint = b.remoteFingerprint;
        this.listener = b.listener;
        this.config = b.config;
        this.executor = b.executor;
        this.check = new PeerCertificateCheck(remoteFingerprint);
        this.transport = new DatagramQueueTransport(b.path, config.receiveQueueCapacity(),
                config.handshakeMtuBytes(), config.maxDatagramSizeBytes());
        this.trace = HandshakeTrace.startIfEnabled(role == DtlsRole.CLIENT);
        transport.setTrace(trace);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the handshake on the handshake executor and returns at once; the outcome arrives at
     * {@link DtlsListener#onConnected} or {@link DtlsListener#onFailed}.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        begin();
    }

    /**
     * Starts the handshake before the path can carry datagrams, so that the handshake thread is
     * ready and the first flight already built when it can: a {@link DatagramPath} that holds
     * datagrams until then (an ICE agent before its first valid pair) sends it without a thread
     * hop. The handshake timeout ({@link DtlsConfig#handshakeTimeoutMs()}) counts from
     * {@link #pathReady()}; until that is called the handshake gives up after
     * {@code maxPathWaitMs} plus the handshake timeout.
     *
     * <p>Pitfall: an early handshake holds a handshake thread while the path is not ready. Close
     * the endpoint when the path fails (e.g. ICE failed) so the thread is freed at once.
     *
     * @throws IllegalStateException if already started or closed
     * @throws IllegalArgumentException if {@code maxPathWaitMs} is negative
     */
    public void startEarly(long maxPathWaitMs) {
        if (maxPathWaitMs < 0) {
            throw new IllegalArgumentException("maxPathWaitMs must be >= 0, got " + maxPathWaitMs);
        }
        maxPathWaitNs = TimeUnit.MILLISECONDS.toNanos(maxPathWaitMs);
        early = true;
        begin();
    }

    /**
     * The path now delivers datagrams: for an endpoint started with {@link #startEarly}, the
     * handshake timeout counts from now. Idempotent; no effect on an endpoint started with
     * {@link #start()}.
     */
    public void pathReady() {
        if (!early || pathReadyNs != 0) {
            return;
        }
        long now = System.nanoTime();
        pathReadyNs = now;
        transport.setHandshakeDeadline(now + TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMs()));
    }

    private void begin() {
        if (!state.compareAndSet(DtlsState.NEW, DtlsState.CONNECTING)) {
            throw new IllegalStateException("cannot start a DTLS endpoint in state " + state.get());
        }
        if (trace != null) {
            trace.mark(HandshakeTrace.Event.START);
        }
        try {
            executor.execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            fail(new DtlsException("DTLS handshake executor is saturated or closed", e));
        }
    }

    /**
     * Feeds one datagram received from the path (RFC 7983: first byte 20..63). Never throws for
     * remote input: malformed, unauthenticated and surplus datagrams are dropped and counted.
     * The bytes are copied or processed before this returns, so the caller may reuse the buffer;
     * its position afterwards is unspecified.
     */
    public void receive(ByteBuffer datagram) {
        datagramsReceived.incrementAndGet();
        DtlsState s = state.get();
        if (s.isTerminal()
                || !DtlsRecordFilter.isPlausible(datagram, config.maxDatagramSizeBytes(), minEncryptedFragmentBytes)) {
            datagramsDropped.incrementAndGet();
            return;
        }
        synchronized (sessionLock) {
            s = state.get();
            if (s == DtlsState.CONNECTED) {
                processSynchronously(datagram);
            } else if ((s == DtlsState.NEW || s == DtlsState.CONNECTING) && transport.offer(datagram)) {
                return;
            } else {
                datagramsDropped.incrementAndGet();
            }
        }
    }

    /**
     * Encrypts {@code record} (position to limit) into one DTLS application_data record and sends it
     * on the caller's thread.
     *
     * @throws DtlsException if not connected, if the record exceeds {@link #maxApplicationRecordBytes()},
     *         or if the session failed while sending (then {@link DtlsListener#onFailed} was called too)
     */
    public void send(ByteBuffer record) {
        DTLSTransport s = session;
        if (s == null || state.get() != DtlsState.CONNECTED) {
            throw new DtlsException("cannot send: DTLS endpoint is " + state.get());
        }
        int len = record.remaining();
        int limit = maxApplicationRecordBytes();
        if (len > limit) {
            throw new DtlsException("record of " + len + " bytes exceeds the limit of " + limit + " bytes");
        }
        try {
            synchronized (sessionLock) {
                if (record.hasArray()) {
                    s.send(record.array(), record.arrayOffset() + record.position(), len);
                    record.position(record.limit());
                } else {
                    byte[] copy = new byte[len];
                    record.get(copy);
                    s.send(copy, 0, len);
                }
            }
            recordsSent.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            DtlsException failure = mapSessionFailure(e);
            fail(failure);
            throw failure;
        }
    }

    /**
     * Closes the endpoint: sends close_notify when connected, aborts a running handshake otherwise.
     * Idempotent; {@link DtlsListener#onClosed} fires once unless the endpoint already failed.
     */
    @Override
    public void close() {
        DtlsState previous;
        do {
            previous = state.get();
            if (previous.isTerminal()) {
                return;
            }
        } while (!state.compareAndSet(previous, DtlsState.CLOSED));
        transport.abort();
        DTLSTransport s = session;
        if (s != null) {
            synchronized (sessionLock) {
                try {
                    s.close();
                } catch (IOException e) {
                    LOG.debug("close_notify not sent", e);
                }
            }
        }
        notifyClosed();
    }

    public DtlsState state() {
        return state.get();
    }

    public DtlsRole role() {
        return role;
    }

    public DtlsCertificate localCertificate() {
        return localCertificate;
    }

    /** The fingerprint the remote certificate must match. */
    public CertificateFingerprint remoteFingerprint() {
        return remoteFingerprint;
    }

    /** True once the remote certificate matched {@link #remoteFingerprint()}. */
    public boolean remoteFingerprintVerified() {
        return check.verified();
    }

    /** The negotiated suite's IANA name, e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, or null. */
    public String cipherSuiteName() {
        int suite = selectedCipherSuite;
        return suite < 0 ? null : WebRtcCipherSuites.name(suite);
    }

    /** Handshake duration in milliseconds, or -1 until connected. */
    public long handshakeDurationMs() {
        long ns = handshakeDurationNs;
        return ns < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(ns);
    }

    /** Largest plaintext {@link #send} accepts, or 0 until connected. */
    public int maxApplicationRecordBytes() {
        DTLSTransport s = session;
        if (s == null) {
            return 0;
        }
        try {
            return s.getSendLimit();
        } catch (IOException e) {
            return 0;
        }
    }

    public long datagramsReceived() {
        return datagramsReceived.get();
    }

    /** Datagrams discarded: malformed, unauthenticated, replayed, queue full, or after the end. */
    public long datagramsDropped() {
        return datagramsDropped.get();
    }

    public long recordsReceived() {
        return recordsReceived.get();
    }

    public long recordsSent() {
        return recordsSent.get();
    }

    @Override
    public String toString() {
        return "DtlsEndpoint[" + role + ", " + state.get() + ", remote=" + remoteFingerprint.toSdpValue() + "]";
    }

    private void runHandshake() {
        if (state.get() != DtlsState.CONNECTING) {
            return;
        }
        long startNs = System.nanoTime();
        long cpuStartNs = trace == null ? 0 : HandshakeTrace.currentThreadCpuNs();
        if (trace != null) {
            trace.mark(HandshakeTrace.Event.RUN);
        }
        long timeoutNs = TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMs());
        int timeoutMs;
        if (early) {
            // Our deadline rules alone: BouncyCastle's own timeout would count from now, before the path is ready.
            timeoutMs = 0;
            transport.setHandshakeDeadline(startNs + maxPathWaitNs + timeoutNs);
            long ready = pathReadyNs; // pathReady() may have run before the line above
            if (ready != 0) {
                transport.setHandshakeDeadline(ready + timeoutNs);
            }
        } else {
            timeoutMs = (int) config.handshakeTimeoutMs();
            transport.setHandshakeDeadline(startNs + timeoutNs);
        }
        DTLSTransport established;
        int suite;
        TlsCrypto crypto;
        try {
            crypto = config.cryptoBackend().create(new SecureRandom());
            if (role == DtlsRole.CLIENT) {
                WebRtcDtlsClient client = new WebRtcDtlsClient(crypto, localCertificate.derUnsafe(),
                        localCertificate.privateKey(), check, timeoutMs, config.initialRetransmitMs());
                established = new DTLSClientProtocol().connect(client, transport);
                suite = client.selectedCipherSuite();
            } else {
                WebRtcDtlsServer server = new WebRtcDtlsServer(crypto, localCertificate.derUnsafe(),
                        localCertificate.privateKey(), check, timeoutMs, config.initialRetransmitMs());
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                if (config.helloVerifyRequest()) {
                    DTLSRequest request = awaitVerifiedClientHello(crypto);
                    // null: a ClientHello fragmented over several records (Chromium's with a post-quantum
                    // key share is ~1.4 kB), which DTLSVerifier cannot check; BouncyCastle's handshake
                    // reassembles it. ICE has authenticated the sender's address already.
                    established = request == null ? protocol.accept(server, transport)
                            : protocol.accept(server, transport, request);
                } else {
                    // No cookie round trip: ICE already proved the client's address (DtlsConfig#helloVerifyRequest).
                    protocol.setVerifyRequests(false);
                    established = protocol.accept(server, transport);
                }
                suite = server.selectedCipherSuite();
            }
        } catch (IOException | RuntimeException e) {
            if (state.get() != DtlsState.CLOSED) {
                fail(mapHandshakeFailure(e));
            }
            return;
        }
        if (trace != null) {
            trace.mark(HandshakeTrace.Event.DONE);
        }
        synchronized (sessionLock) {
            if (state.get() != DtlsState.CONNECTING) {
                closeQuietly(established);
                return;
            }
            if (!check.verified()) {
                // BouncyCastle always asks for the peer certificate with these suites; refuse otherwise.
                closeQuietly(established);
                fail(new DtlsFingerprintMismatchException(remoteFingerprint, null));
                return;
            }
            handshakeDurationNs = System.nanoTime() - Math.max(startNs, pathReadyNs);
            selectedCipherSuite = suite;
            minEncryptedFragmentBytes = WebRtcCipherSuites.aeadOverheadBytes(suite);
            transport.enterSynchronousMode();
            try {
                receiveLimitBytes = Math.max(1, established.getReceiveLimit());
            } catch (IOException e) {
                fail(new DtlsException("DTLS session unusable", e));
                return;
            }
            HybridTlsCrypto hybrid = crypto instanceof HybridTlsCrypto h ? h : null;
            RecordKeys keys = hybrid != null ? hybrid.recordKeys() : null;
            if (keys != null) {
                // No renegotiation: application data always travels in epoch 1 (RFC 6347 §4.1).
                // Shares the record layer's keyed decrypt cipher: both run under sessionLock.
                AesGcm readGcm = hybrid.readGcm();
                applicationDataReader = readGcm != null
                        ? new ApplicationDataReader(1, readGcm, keys.readSalt())
                        : new ApplicationDataReader(1, keys.readKey(), keys.readSalt());
            }
            session = established;
            state.set(DtlsState.CONNECTED);
            LOG.debug("DTLS {} connected in {} ms with {}", role, handshakeDurationMs(), cipherSuiteName());
            if (trace != null) {
                trace.mark(HandshakeTrace.Event.READY);
            }
            try {
                listener.onConnected(this);
            } catch (RuntimeException e) {
                LOG.warn("DtlsListener.onConnected threw", e);
            }
            if (trace != null) {
                trace.setHandshakeCpuNs(HandshakeTrace.currentThreadCpuNs() - cpuStartNs);
                transport.setTrace(null);
                trace.publish();
            }
            // Datagrams that arrived after the last handshake read (e.g. the peer's first records).
            byte[] queued;
            while (state.get() == DtlsState.CONNECTED && (queued = transport.pollQueued()) != null) {
                processSynchronously(ByteBuffer.wrap(queued));
            }
        }
    }

    /**
     * RFC 6347 §4.2.1: answers ClientHellos with a stateless HelloVerifyRequest cookie and returns
     * the first ClientHello that echoes a valid cookie, before any key exchange work is done. The
     * transport's deadline and abort apply while waiting. Returns null, with the datagram given back
     * to the transport, for a fragmented ClientHello.
     */
    private DTLSRequest awaitVerifiedClientHello(TlsCrypto crypto) throws IOException {
        DTLSVerifier verifier = new DTLSVerifier(crypto);
        // The cookie binds the ClientHello to a client identity; this endpoint already serves exactly
        // one remote transport address (the ICE pair), so a per-endpoint random identity suffices.
        byte[] clientId = new byte[16];
        new SecureRandom().nextBytes(clientId);
        byte[] buf = new byte[config.maxDatagramSizeBytes()];
        while (true) {
            int n = transport.receive(buf, 0, buf.length, config.initialRetransmitMs());
            if (n > 0) {
                if (isFragmentedClientHello(buf, n)) {
                    transport.unread(java.util.Arrays.copyOf(buf, n));
                    return null;
                }
                DTLSRequest request = verifier.verifyRequest(clientId, buf, 0, n, transport);
                if (request != null) {
                    return request;
                }
            }
        }
    }

    /**
     * True for a datagram whose first record is a handshake fragment of a ClientHello that does not
     * hold the whole message (RFC 6347 §4.2.2 handshake header after the 13-byte record header:
     * msg_type 1, length, message_seq, fragment_offset, fragment_length).
     */
    static boolean isFragmentedClientHello(byte[] d, int n) {
        if (n < 25 || (d[0] & 0xff) != 22 || (d[13] & 0xff) != 1) {
            return false;
        }
        int length = ((d[14] & 0xff) << 16) | ((d[15] & 0xff) << 8) | (d[16] & 0xff);
        int fragmentOffset = ((d[19] & 0xff) << 16) | ((d[20] & 0xff) << 8) | (d[21] & 0xff);
        int fragmentLength = ((d[22] & 0xff) << 16) | ((d[23] & 0xff) << 8) | (d[24] & 0xff);
        return fragmentOffset != 0 || fragmentLength < length;
    }

    /** Called with sessionLock held and state CONNECTED. */
    private void processSynchronously(ByteBuffer datagram) {
        if (!DtlsRecordFilter.isPlausible(datagram, config.maxDatagramSizeBytes(), minEncryptedFragmentBytes)) {
            datagramsDropped.incrementAndGet();
            return;
        }
        ApplicationDataReader reader = applicationDataReader;
        if (reader != null && reader.isApplicationDataOnly(datagram)) {
            receiveApplicationData(reader, datagram);
            return;
        }
        DTLSTransport s = session;
        int limit = receiveLimitBytes;
        ReceiveScratch scratch = ReceiveScratch.acquire(limit);
        byte[] buf = scratch.buffer();
        recordCounter.accepted = 0;
        transport.setPending(datagram);
        try {
            // One receive() reads the datagram (BouncyCastle allocates a buffer per call, sized by the
            // transport's receive limit: the datagram's own size here); further records of the same
            // datagram wait in its queue and come out of receivePending(), which allocates nothing
            // when the queue is empty. A datagram without a deliverable record ends in DRAINED.
            int n = s.receive(buf, 0, limit, 0, recordCounter);
            while (n >= 0) {
                recordsReceived.incrementAndGet();
                deliver(scratch.view(n));
                n = s.receivePending(buf, 0, limit, recordCounter);
            }
        } catch (InterruptedIOException drained) {
            // DatagramQueueTransport.DRAINED: every record of this datagram was processed.
        } catch (IOException | RuntimeException e) {
            fail(mapSessionFailure(e));
            return;
        } finally {
            transport.setPending(null);
            scratch.release();
        }
        if (recordCounter.accepted == 0) {
            datagramsDropped.incrementAndGet();
        }
        if (transport.isClosedByRecordLayer() && state.compareAndSet(DtlsState.CONNECTED, DtlsState.CLOSED)) {
            // The peer sent close_notify; BouncyCastle already answered with ours.
            notifyClosed();
        }
    }

    /**
     * The allocation-free path for a datagram of application_data records only (the steady state):
     * our AES-GCM and replay window instead of BouncyCastle's record layer, which allocates per record.
     */
    private void receiveApplicationData(ApplicationDataReader reader, ByteBuffer datagram) {
        int pos = datagram.position();
        int end = datagram.limit();
        int accepted = 0;
        ReceiveScratch scratch = ReceiveScratch.acquire(ApplicationDataReader.OUTPUT_BYTES);
        try {
            while (end - pos >= DtlsRecordFilter.HEADER_BYTES && state.get() == DtlsState.CONNECTED) {
                int n = reader.open(datagram, pos, scratch.buffer());
                if (n >= 0) {
                    accepted++;
                    recordsReceived.incrementAndGet();
                    deliver(scratch.view(n));
                }
                pos += DtlsRecordFilter.HEADER_BYTES + (datagram.getShort(pos + 11) & 0xffff);
            }
        } finally {
            scratch.release();
        }
        if (accepted == 0) {
            datagramsDropped.incrementAndGet();
        }
    }

    private void deliver(ByteBuffer view) {
        // One view per scratch buffer, reset per record: the listener may only use it during the call.
        try {
            listener.onApplicationData(this, view);
        } catch (RuntimeException e) {
            LOG.warn("DtlsListener.onApplicationData threw; record dropped", e);
        }
    }

    private DtlsException mapHandshakeFailure(Throwable e) {
        if (check.mismatch()) {
            DtlsException m = new DtlsFingerprintMismatchException(remoteFingerprint, check.mismatchActual());
            m.initCause(e);
            return m;
        }
        if (e instanceof DatagramQueueTransport.HandshakeDeadlineException || e instanceof TlsTimeoutException) {
            return new DtlsHandshakeTimeoutException(config.handshakeTimeoutMs(), e);
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return new DtlsAlertException(received.getAlertDescription(), true, e);
        }
        if (e instanceof TlsFatalAlert raised) {
            return new DtlsAlertException(raised.getAlertDescription(), false, e);
        }
        return new DtlsException("DTLS handshake failed: " + e, e);
    }

    private static DtlsException mapSessionFailure(Throwable e) {
        if (e instanceof TlsFatalAlertReceived received) {
            return new DtlsAlertException(received.getAlertDescription(), true, e);
        }
        if (e instanceof TlsFatalAlert raised) {
            return new DtlsAlertException(raised.getAlertDescription(), false, e);
        }
        return new DtlsException("DTLS session failed: " + e, e);
    }

    private void fail(DtlsException cause) {
        DtlsState previous;
        do {
            previous = state.get();
            if (previous.isTerminal()) {
                return;
            }
        } while (!state.compareAndSet(previous, DtlsState.FAILED));
        transport.abort();
        LOG.debug("DTLS {} failed: {}", role, cause.getMessage());
        try {
            listener.onFailed(this, cause);
        } catch (RuntimeException e) {
            LOG.warn("DtlsListener.onFailed threw", e);
        }
    }

    private void notifyClosed() {
        try {
            listener.onClosed(this);
        } catch (RuntimeException e) {
            LOG.warn("DtlsListener.onClosed threw", e);
        }
    }

    private static void closeQuietly(DTLSTransport t) {
        try {
            t.close();
        } catch (IOException e) {
            // Nothing to do: the endpoint is going away.
        }
    }

    /** Counts records BouncyCastle authenticated, to tell a useful datagram from garbage. */
    private static final class RecordCounter implements DTLSRecordCallback {
        int accepted;

        @Override
        public void recordAccepted(int flags) {
            accepted++;
        }
    }

    /** Builds a {@link DtlsEndpoint}; every setter except {@link #config} is required. */
    public static final class Builder {
        private DtlsRole role;
        private DtlsCertificate localCertificate;
        private CertificateFingerprint remoteFingerprint;
        private DatagramPath path;
        private DtlsListener listener;
        private DtlsConfig config = DtlsConfig.defaults();
        private DtlsHandshakeExecutor executor;

        private Builder() {
        }

        public Builder role(DtlsRole value) {
            this.role = value;
            return this;
        }

        public Builder localCertificate(DtlsCertificate value) {
            this.localCertificate = value;
            return this;
        }

        /** The {@code a=fingerprint} of the remote description. */
        public Builder remoteFingerprint(CertificateFingerprint value) {
            this.remoteFingerprint = value;
            return this;
        }

        public Builder datagramPath(DatagramPath value) {
            this.path = value;
            return this;
        }

        public Builder listener(DtlsListener value) {
            this.listener = value;
            return this;
        }

        public Builder config(DtlsConfig value) {
            this.config = value;
            return this;
        }

        public Builder handshakeExecutor(DtlsHandshakeExecutor value) {
            this.executor = value;
            return this;
        }

        public DtlsEndpoint build() {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(localCertificate, "localCertificate");
            Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
            Objects.requireNonNull(path, "datagramPath");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(executor, "handshakeExecutor");
            return new DtlsEndpoint(this);
        }
    }
}
