package dev.netcode.bench.datachannel;

import dev.netcode.webrtc.IceCandidateInit;
import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.PeerConnectionListener;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Two Java {@link PeerConnection}s in this JVM, connected over loopback with in-memory trickle
 * signaling, with two reliable ordered in-band (DCEP) channels: {@code bulk} (offerer sends, the
 * answerer counts) and {@code ping} (the answerer echoes).
 *
 * <pre>{@code
 * try (JavaDataChannelPair pair = JavaDataChannelPair.connect(config, Duration.ofSeconds(10))) {
 *     BulkResult r = pair.bulk(64 * 1024, 2_000_000_000L);
 *     LatencySamples rtt = pair.rtt(32, 200, 1_000_000_000L);
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Every channel call runs on its connection's event loop (DataChannel is not thread-safe);
 *       the timed paths never leave those loops, so the figures contain no hand-off to the caller's
 *       thread.</li>
 *   <li>The channels are created after the answer is applied (the DTLS role picks the stream ids),
 *       so {@link #setupNs()} runs from {@code createOffer} to both channels open on both sides.</li>
 * </ul>
 */
final class JavaDataChannelPair implements AutoCloseable {
    /** The sender refills below this many buffered bytes ... */
    static final long LOW_WATER_BYTES = 1L << 20;
    /** ... up to this many. */
    static final long HIGH_WATER_BYTES = 4L << 20;

    private final PeerConnection offerer;
    private final PeerConnection answerer;
    private final DataChannel bulk;
    private final DataChannel ping;
    private final DataChannel bulkSink;
    private final long setupNs;
    private final long iceConnectedMs;
    private final long dtlsConnectedMs;
    private final long[] milestonesUs;

    /** Names of {@link #milestonesUs()}, in order. */
    static final List<String> MILESTONES = List.of("offer_created", "offer_local", "offer_remote", "answer_created",
            "answer_local", "answer_applied", "gathering_done",
            "ice_writable", "ice_connected", "dtls_started", "dtls_connected", "sctp_up", "opener_open", "remote_channels", "all_open");

    private JavaDataChannelPair(PeerConnection offerer, PeerConnection answerer, DataChannel bulk, DataChannel ping,
            DataChannel bulkSink, long setupNs, long iceConnectedMs, long dtlsConnectedMs, long[] milestonesUs) {
        this.offerer = offerer;
        this.answerer = answerer;
        this.bulk = bulk;
        this.ping = ping;
        this.bulkSink = bulkSink;
        this.setupNs = setupNs;
        this.iceConnectedMs = iceConnectedMs;
        this.dtlsConnectedMs = dtlsConnectedMs;
        this.milestonesUs = milestonesUs;
    }

    /**
     * Microseconds from {@code createOffer} to each of {@link #MILESTONES} (the later of the two
     * peers where both have it), -1 when unknown.
     */
    long[] milestonesUs() {
        return milestonesUs.clone();
    }

    /** The offerer's setup timeline (the answerer is the DTLS client). */
    dev.netcode.webrtc.SetupTimeline offererTimeline() {
        return offerer.setupTimeline();
    }

    dev.netcode.webrtc.SetupTimeline answererTimeline() {
        return answerer.setupTimeline();
    }

    /** Milliseconds from creating the connections until ICE was connected on both sides. */
    long iceConnectedMs() {
        return iceConnectedMs;
    }

    /** Milliseconds from creating the connections until DTLS was connected on both sides. */
    long dtlsConnectedMs() {
        return dtlsConnectedMs;
    }

    /** From {@code createOffer} until both channels were open on both sides. */
    long setupNs() {
        return setupNs;
    }

    /**
     * Creates and connects a pair. The answerer echoes everything arriving on {@code ping} and
     * discards {@code bulk} until {@link #bulk} installs its counter.
     */
    static JavaDataChannelPair connect(PeerConnectionConfig config, long timeoutMs) throws Exception {
        Forwarder toAnswerer = new Forwarder();
        Forwarder toOfferer = new Forwarder();
        CompletableFuture<DataChannel> remoteBulk = new CompletableFuture<>();
        CompletableFuture<DataChannel> remotePing = new CompletableFuture<>();
        long start = System.nanoTime();
        long[] remoteAt = new long[2];
        PeerConnection offerer = PeerConnection.create(config, toAnswerer);
        PeerConnection answerer = PeerConnection.create(config, toOfferer);
        answerer.addListener(new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                remoteAt[channel.label().equals("ping") ? 0 : 1] = System.nanoTime();
                if (channel.label().equals("ping")) {
                    channel.setListener(new Echo());
                    remotePing.complete(channel);
                } else {
                    remoteBulk.complete(channel);
                }
            }
        });
        try {
            long offerStart = System.nanoTime();
            SessionDescriptionInit offer = offerer.createOffer().get(timeoutMs, TimeUnit.MILLISECONDS);
            long offerCreated = System.nanoTime();
            offerer.setLocalDescription(offer).get(timeoutMs, TimeUnit.MILLISECONDS);
            long offerLocal = System.nanoTime();
            answerer.setRemoteDescription(offer).get(timeoutMs, TimeUnit.MILLISECONDS);
            toAnswerer.attach(answerer);
            long offerRemote = System.nanoTime();
            SessionDescriptionInit answer = answerer.createAnswer().get(timeoutMs, TimeUnit.MILLISECONDS);
            long answerCreated = System.nanoTime();
            answerer.setLocalDescription(answer).get(timeoutMs, TimeUnit.MILLISECONDS);
            long answerLocal = System.nanoTime();
            offerer.setRemoteDescription(answer).get(timeoutMs, TimeUnit.MILLISECONDS);
            toOfferer.attach(offerer);
            long answerApplied = System.nanoTime();
            CompletableFuture<Long> bulkOpen = new CompletableFuture<>();
            CompletableFuture<Long> pingOpen = new CompletableFuture<>();
            DataChannel[] created = offerer.eventLoop().submit(() -> {
                DataChannel b = offerer.createDataChannel("bulk", DataChannelParameters.DEFAULT);
                b.setListener(new OpenSignal(bulkOpen));
                DataChannel p = offerer.createDataChannel("ping", DataChannelParameters.DEFAULT);
                p.setListener(new OpenSignal(pingOpen));
                return new DataChannel[] {b, p};
            }).get(timeoutMs, TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(bulkOpen, pingOpen, remoteBulk, remotePing).get(timeoutMs, TimeUnit.MILLISECONDS);
            long end = System.nanoTime();
            long setupNs = end - start;
            dev.netcode.webrtc.SetupTimeline o = offerer.setupTimeline();
            dev.netcode.webrtc.SetupTimeline a = answerer.setupTimeline();
            long base = offerStart;
            long[] ms = {
                us(offerCreated, base), us(offerLocal, base), us(offerRemote, base), us(answerCreated, base),
                us(answerLocal, base), us(answerApplied, base),
                later(o.gatheringCompleteNs(), a.gatheringCompleteNs(), base),
                later(o.iceWritableNs(), a.iceWritableNs(), base),
                later(o.iceConnectedNs(), a.iceConnectedNs(), base),
                later(o.dtlsStartNs(), a.dtlsStartNs(), base),
                later(o.dtlsConnectedNs(), a.dtlsConnectedNs(), base),
                later(o.sctpUpNs(), a.sctpUpNs(), base),
                us(Math.max(bulkOpen.join(), pingOpen.join()), base),
                us(Math.max(remoteAt[0], remoteAt[1]), base),
                us(end, base)};
            // Both sides' milestones, relative to their creation (just after start): the later one counts.
            long iceMs = Math.max(offerer.iceConnectedMs(), answerer.iceConnectedMs());
            long dtlsMs = Math.max(offerer.dtlsConnectedMs(), answerer.dtlsConnectedMs());
            return new JavaDataChannelPair(offerer, answerer, created[0], created[1], remoteBulk.join(), setupNs,
                    iceMs, dtlsMs, ms);
        } catch (Exception | Error e) {
            offerer.close();
            answerer.close();
            throw e;
        }
    }

    private static long us(long ns, long base) {
        return ns == 0 ? -1 : (ns - base) / 1_000;
    }

    private static long later(long a, long b, long base) {
        return a == 0 || b == 0 ? -1 : us(Math.max(a, b), base);
    }

    /**
     * Sends binary messages of {@code sizeBytes} on {@code bulk} for {@code durationNs}, keeping
     * between {@link #LOW_WATER_BYTES} and {@link #HIGH_WATER_BYTES} buffered, and times from the
     * first send to the arrival of the last byte.
     */
    BulkResult bulk(int sizeBytes, long durationNs, long timeoutMs) throws Exception {
        BulkReceiver receiver = new BulkReceiver();
        answerer.eventLoop().submit(() -> bulkSink.setListener(receiver)).get(timeoutMs, TimeUnit.MILLISECONDS);
        BulkSender sender = new BulkSender(receiver, sizeBytes, durationNs);
        long cpuStartNs = processCpuNs();
        offerer.eventLoop().submit(() -> {
            bulk.setBufferedAmountLowThreshold(LOW_WATER_BYTES);
            bulk.setListener(sender);
            sender.start(bulk);
        }).get(timeoutMs, TimeUnit.MILLISECONDS);
        long endNs = receiver.done.get(timeoutMs + TimeUnit.NANOSECONDS.toMillis(durationNs), TimeUnit.MILLISECONDS);
        long bytes = receiver.bytes;
        long cpuNs = processCpuNs() - cpuStartNs;
        return new BulkResult(sizeBytes, bytes, endNs - sender.startNs, cpuNs);
    }

    /** CPU time of the whole process (both peers, every thread), or -1 when the JVM cannot tell. */
    static long processCpuNs() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * One 32-byte-style message at a time on {@code ping}, echoed by the answerer: {@code warmup}
     * unrecorded round trips, then as many recorded ones as fit in {@code durationNs} (at least
     * {@code minSamples}, at most {@code maxSamples}).
     */
    LatencySamples rtt(int sizeBytes, int warmup, int minSamples, int maxSamples, long durationNs, long timeoutMs)
            throws Exception {
        Pinger pinger = new Pinger(sizeBytes, warmup, minSamples, maxSamples, durationNs);
        offerer.eventLoop().submit(() -> {
            ping.setListener(pinger);
            pinger.next(ping);
        }).get(timeoutMs, TimeUnit.MILLISECONDS);
        long[] samples = pinger.done.get(timeoutMs + TimeUnit.NANOSECONDS.toMillis(durationNs), TimeUnit.MILLISECONDS);
        return LatencySamples.ofNanos(samples);
    }

    @Override
    public void close() {
        offerer.close();
        answerer.close();
    }

    /**
     * {@link #close()}, then waits until the orderly close (SHUTDOWN, close_notify, socket close)
     * has run its course on both loops, so that the next timed setup does not share the loops
     * with this pair's teardown.
     */
    void closeAndSettle(long timeoutMs) throws Exception {
        close();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        // Two rounds: the first drains what close() queued, the second what the peer's answers queued.
        for (int round = 0; round < 2; round++) {
            offerer.eventLoop().submit(() -> { }).get(timeoutMs, TimeUnit.MILLISECONDS);
            answerer.eventLoop().submit(() -> { }).get(timeoutMs, TimeUnit.MILLISECONDS);
            Thread.sleep(2);
        }
        while (offerer.connectionState() != dev.netcode.webrtc.PeerConnectionState.CLOSED
                || answerer.connectionState() != dev.netcode.webrtc.PeerConnectionState.CLOSED) {
            if (System.nanoTime() > deadline) {
                throw new java.util.concurrent.TimeoutException("pair did not close within " + timeoutMs + " ms");
            }
            Thread.sleep(1);
        }
    }

    /** Bytes delivered in a time. */
    record BulkResult(int sizeBytes, long bytes, long elapsedNs, long cpuNs) {
        double megabytesPerSecond() {
            return bytes / 1e6 / (elapsedNs / 1e9);
        }

        /**
         * Bytes per second of process CPU time (both peers together): what one fully available
         * core would move. Unlike {@link #megabytesPerSecond()} it hardly depends on how many
         * other processes compete for the cores; it does include JIT compiler and GC threads, so a
         * short run in a fresh JVM understates it.
         */
        double megabytesPerCpuSecond() {
            return cpuNs <= 0 ? Double.NaN : bytes / 1e6 / (cpuNs / 1e9);
        }
    }

    private static final class OpenSignal implements DataChannelListener {
        private final CompletableFuture<Long> open;

        OpenSignal(CompletableFuture<Long> open) {
            this.open = open;
        }

        @Override
        public void onOpen(DataChannel channel) {
            open.complete(System.nanoTime());
        }
    }

    private static final class Echo implements DataChannelListener {
        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            channel.send(message);
        }
    }

    /** Counts on the answerer's loop; completes when the sender's final total has arrived. */
    private static final class BulkReceiver implements DataChannelListener {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        volatile long bytes;
        private long expected = -1;

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            bytes += message.remaining();
            check();
        }

        /** On the answerer's loop. */
        void expect(long total) {
            expected = total;
            check();
        }

        private void check() {
            if (expected >= 0 && bytes >= expected && !done.isDone()) {
                done.complete(System.nanoTime());
            }
        }
    }

    /** Fills the channel on the offerer's loop until the duration is over, then tells the receiver the total. */
    private final class BulkSender implements DataChannelListener {
        private final BulkReceiver receiver;
        private final ByteBuffer message;
        private final long durationNs;
        long startNs;
        private long sent;
        private boolean finished;

        BulkSender(BulkReceiver receiver, int sizeBytes, long durationNs) {
            this.receiver = receiver;
            this.message = ByteBuffer.allocate(sizeBytes);
            this.durationNs = durationNs;
        }

        void start(DataChannel channel) {
            startNs = System.nanoTime();
            fill(channel);
        }

        @Override
        public void onBufferedAmountLow(DataChannel channel) {
            fill(channel);
        }

        private void fill(DataChannel channel) {
            if (finished) {
                return;
            }
            if (System.nanoTime() - startNs >= durationNs) {
                finished = true;
                long total = sent;
                answerer.eventLoop().execute(() -> receiver.expect(total));
                return;
            }
            while (channel.bufferedAmount() < HIGH_WATER_BYTES) {
                channel.send(message);
                sent += message.remaining();
            }
        }
    }

    /** Ping-pong on the offerer's loop. */
    private static final class Pinger implements DataChannelListener {
        final CompletableFuture<long[]> done = new CompletableFuture<>();
        private final ByteBuffer message;
        private final int warmup;
        private final int minSamples;
        private final long[] samples;
        private final long durationNs;
        private int count;
        private long measureStartNs;
        private long sentNs;

        Pinger(int sizeBytes, int warmup, int minSamples, int maxSamples, long durationNs) {
            this.message = ByteBuffer.allocate(sizeBytes);
            this.warmup = warmup;
            this.minSamples = minSamples;
            this.samples = new long[maxSamples];
            this.durationNs = durationNs;
        }

        void next(DataChannel channel) {
            sentNs = System.nanoTime();
            channel.send(message);
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer echo) {
            long now = System.nanoTime();
            int recorded = count - warmup;
            if (recorded >= 0) {
                if (recorded == 0) {
                    measureStartNs = now;
                }
                samples[recorded] = now - sentNs;
            }
            count++;
            recorded = count - warmup;
            boolean enough = recorded >= samples.length
                    || (recorded >= minSamples && recorded > 0 && now - measureStartNs >= durationNs);
            if (enough) {
                done.complete(java.util.Arrays.copyOf(samples, recorded));
            } else {
                next(channel);
            }
        }
    }

    /** In-memory trickle: candidates flow once the far side has its remote description. */
    private static final class Forwarder implements PeerConnectionListener {
        private final List<IceCandidateInit> pending = new CopyOnWriteArrayList<>();
        private volatile PeerConnection target;

        @Override
        public synchronized void onIceCandidate(IceCandidateInit candidate) {
            PeerConnection t = target;
            if (t == null) {
                pending.add(candidate);
            } else {
                t.addIceCandidate(candidate);
            }
        }

        synchronized void attach(PeerConnection to) {
            target = to;
            for (IceCandidateInit c : pending) {
                to.addIceCandidate(c);
            }
            pending.clear();
        }
    }
}
