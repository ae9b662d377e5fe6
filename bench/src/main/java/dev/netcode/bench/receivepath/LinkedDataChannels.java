package dev.netcode.bench.receivepath;

import dev.netcode.webrtc.datachannel.BorrowingDataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelManager;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import dev.netcode.webrtc.dtls.DatagramPath;
import dev.netcode.webrtc.dtls.DtlsCertificate;
import dev.netcode.webrtc.dtls.DtlsConfig;
import dev.netcode.webrtc.dtls.DtlsEndpoint;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import dev.netcode.webrtc.dtls.DtlsListener;
import dev.netcode.webrtc.dtls.DtlsRole;
import dev.netcode.webrtc.sctp.SctpAssociation;
import dev.netcode.webrtc.sctp.SctpConfig;
import dev.netcode.webrtc.sctp.SctpScheduler;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two complete DataChannel stacks (DTLS endpoint, SCTP association, DataChannel manager) joined back
 * to back in memory and pumped by the calling thread: the receive path of a {@code PeerConnection}
 * without sockets or event loops. Each side has the transport's unreliable channel (negotiated id
 * 1, unordered, {@code maxRetransmits=0}). Messages are delivered borrowed
 * ({@link BorrowingDataChannelListener}) unless {@link #useOwningListener} switches the server's
 * channel to an owning listener (the W3C-like default, one copy per message).
 *
 * <p>{@link #pump()} delivers queued datagrams (DTLS decrypts them on this thread, hands the record
 * to SCTP, which delivers to the channel) and runs due timers, until nothing is left. Datagrams are
 * copied into reusable slots so the link itself allocates nothing once warm.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Single-threaded after {@link #connect}: everything runs on the caller's thread, as on an
 *       event loop.</li>
 *   <li>The handshake runs on the DTLS handshake executor; datagrams it sends are queued and the
 *       caller pumps them ({@link #connect} does).</li>
 * </ul>
 */
final class LinkedDataChannels implements AutoCloseable {
    static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();
    static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    static final DataChannelParameters UNRELIABLE = DataChannelParameters.builder()
            .negotiated(true).id(1).ordered(false).maxRetransmits(0).build();

    final Side client;
    final Side server;
    final ManualScheduler scheduler = new ManualScheduler();
    long deliveredBytes;
    long deliveredMessages;
    /** The last message an owning listener was given, kept so that its copy really escapes. */
    ByteBuffer lastOwnedMessage;
    /** Bytes the pumping thread allocated inside {@code DtlsEndpoint.receive}, minus the sends nested in it. */
    long receiveAllocatedBytes;
    /** Bytes the pumping thread allocated inside {@code DtlsEndpoint.send} (SCTP packets: DATA and SACK). */
    long sendAllocatedBytes;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    /** Set once connected: from then on only the pumping thread sends, into the reusable slots. */
    private volatile boolean warm;

    LinkedDataChannels(DtlsHandshakeExecutor handshakes) {
        DtlsConfig config = DtlsConfig.builder().build();
        client = new Side(DtlsRole.CLIENT, CLIENT_CERT, SERVER_CERT, config, handshakes);
        server = new Side(DtlsRole.SERVER, SERVER_CERT, CLIENT_CERT, config, handshakes);
        client.peer = server;
        server.peer = client;
    }

    /** DTLS handshake, SCTP association and the channels open on both sides. */
    void connect(long timeoutMs) throws Exception {
        client.dtls.start();
        server.dtls.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        CompletableFuture<Void> both = CompletableFuture.allOf(client.connected, server.connected);
        while (!both.isDone()) {
            pump();
            Thread.sleep(1);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("DTLS handshake did not finish");
            }
        }
        client.sctp.connect();
        server.sctp.connect();
        while (client.channel.readyState() != DataChannelState.OPEN || server.channel.readyState() != DataChannelState.OPEN) {
            pump();
            Thread.sleep(1);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("SCTP association did not come up");
            }
        }
        pump();
        warm = true;
    }

    /** Switches the server's channel to an owning (copying) listener: the control. */
    void useOwningListener() {
        server.channel.setListener(new DataChannelListener() {
            @Override
            public void onBinaryMessage(DataChannel ch, ByteBuffer message) {
                deliveredBytes += message.remaining();
                deliveredMessages++;
                lastOwnedMessage = message;
            }
        });
    }

    /** Delivers every queued datagram (both ways) and runs due timers, until quiet. */
    void pump() {
        boolean any = true;
        while (any) {
            any = client.deliverOne() | server.deliverOne();
            scheduler.runDue();
        }
    }

    @Override
    public void close() {
        client.dtls.close();
        server.dtls.close();
    }

    /** One peer: its DTLS endpoint, association and unreliable channel, and its inbound queue. */
    final class Side implements DatagramPath, DtlsListener, BorrowingDataChannelListener {
        final DtlsEndpoint dtls;
        final SctpAssociation sctp;
        final DataChannelManager manager;
        final DataChannel channel;
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        // Datagrams sent by the handshake thread arrive here; after the handshake only the pumping thread uses it.
        private final ConcurrentLinkedQueue<byte[]> handshakeInbound = new ConcurrentLinkedQueue<>();
        private final ArrayDeque<ByteBuffer> inbound = new ArrayDeque<>();
        private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
        Side peer;
        /** When set, encrypted datagrams go here instead of to the peer (pre-generation). */
        Consumer<ByteBuffer> datagramTap;
        /** When set, SCTP packets go here instead of being encrypted (template capture, dropped SACKs). */
        Consumer<ByteBuffer> packetTap;

        Side(DtlsRole role, DtlsCertificate local, DtlsCertificate remote, DtlsConfig config, DtlsHandshakeExecutor handshakes) {
            dtls = DtlsEndpoint.builder().role(role).localCertificate(local).remoteFingerprint(remote.fingerprint())
                    .datagramPath(this).config(config).handshakeExecutor(handshakes).listener(this).build();
            manager = new DataChannelManager(scheduler, role == DtlsRole.CLIENT, DataChannelManager.DEFAULT_MAX_CHANNELS, ch -> { });
            sctp = new SctpAssociation(SctpConfig.builder().build(), this::sendPacket, scheduler, manager);
            manager.attach(sctp);
            channel = manager.createDataChannel("netcode-unreliable", UNRELIABLE);
            channel.setListener(this);
        }

        @Override
        public void send(ByteBuffer datagram) {
            if (datagramTap != null) {
                datagramTap.accept(datagram);
                return;
            }
            if (!warm) {
                byte[] copy = new byte[datagram.remaining()];
                datagram.get(copy);
                peer.handshakeInbound.add(copy);
                return;
            }
            ByteBuffer slot = peer.free.pollFirst();
            if (slot == null || slot.capacity() < datagram.remaining()) {
                slot = ByteBuffer.allocate(Math.max(2048, datagram.remaining()));
            }
            slot.clear();
            slot.put(datagram).flip();
            peer.inbound.addLast(slot);
        }

        boolean deliverOne() {
            byte[] early = handshakeInbound.poll();
            if (early != null) {
                dtls.receive(ByteBuffer.wrap(early));
                return true;
            }
            ByteBuffer d = inbound.pollFirst();
            if (d == null) {
                return false;
            }
            long sendBefore = sendAllocatedBytes;
            long before = THREADS.getCurrentThreadAllocatedBytes();
            dtls.receive(d);
            long nestedSends = sendAllocatedBytes - sendBefore;
            receiveAllocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - before - nestedSends;
            free.addLast(d);
            return true;
        }

        /** SCTP's packet sink: the DTLS send, its allocation accounted to the send side. */
        private void sendPacket(ByteBuffer packet) {
            if (packetTap != null) {
                packetTap.accept(packet);
                return;
            }
            if (!warm) {
                dtls.send(packet);
                return;
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            dtls.send(packet);
            sendAllocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - before;
        }

        @Override
        public void onConnected(DtlsEndpoint endpoint) {
            connected.complete(null);
        }

        @Override
        public void onApplicationData(DtlsEndpoint endpoint, ByteBuffer record) {
            sctp.handlePacket(record);
        }

        @Override
        public void onBorrowedBinaryMessage(DataChannel ch, ByteBuffer view) {
            deliveredBytes += view.remaining();
            deliveredMessages++;
        }
    }

    /** Timers on the pumping thread, in deadline order. */
    static final class ManualScheduler implements SctpScheduler {
        private record Timer(long deadlineNs, long order, Runnable task) {
        }

        private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.deadlineNs != b.deadlineNs
                ? Long.compare(a.deadlineNs, b.deadlineNs) : Long.compare(a.order, b.order));
        private long order;
        /** Posted events ({@link #execute}): a reusable queue, so posting allocates nothing once grown. */
        private final ArrayDeque<Runnable> posted = new ArrayDeque<>();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public synchronized void schedule(Runnable task, long delayNanos) {
            timers.add(new Timer(System.nanoTime() + delayNanos, order++, task));
        }

        @Override
        public synchronized void execute(Runnable task) {
            posted.addLast(task);
        }

        void runDue() {
            while (true) {
                Runnable r;
                synchronized (this) {
                    r = posted.pollFirst();
                }
                if (r == null) {
                    break;
                }
                r.run();
            }
            long now = System.nanoTime();
            while (true) {
                Timer t;
                synchronized (this) {
                    t = timers.peek();
                    if (t == null || t.deadlineNs > now) {
                        return;
                    }
                    timers.poll();
                }
                t.task().run();
            }
        }
    }
}
