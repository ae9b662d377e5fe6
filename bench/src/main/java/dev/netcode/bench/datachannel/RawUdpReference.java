package dev.netcode.bench.datachannel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical reference: plain JDK {@link DatagramChannel}s on loopback, no protocol stack.
 *
 * <ul>
 *   <li>Throughput: datagrams of {@link #DATAGRAM_BYTES} (the size a WebRTC stack packs its SCTP
 *       packets into) from one thread to another, with a sliding window of
 *       {@link #WINDOW_DATAGRAMS} acknowledged every {@link #ACK_EVERY} datagrams so the receive
 *       buffer never overflows; bytes received over the time from the first send to the last
 *       arrival.</li>
 *   <li>RTT: one datagram of the given size at a time, echoed by a second thread (blocking
 *       sockets both ways).</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A loopback datagram can still be dropped when the receiver's buffer fills; the window
 *       prevents that in practice, and a lost acknowledgement is recovered by a timeout that
 *       re-syncs the window (bytes are counted where they arrive, so a loss lowers the figure).</li>
 * </ul>
 */
final class RawUdpReference {
    static final int DATAGRAM_BYTES = 1200;
    static final int WINDOW_DATAGRAMS = 512;
    static final int ACK_EVERY = 32;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private RawUdpReference() {
    }

    /** Bulk throughput for {@code durationNs}. */
    static JavaDataChannelPair.BulkResult throughput(long durationNs) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramChannel tx = DatagramChannel.open(); DatagramChannel rx = DatagramChannel.open()) {
            for (DatagramChannel c : new DatagramChannel[] {tx, rx}) {
                c.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
                c.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
                c.bind(new InetSocketAddress(loopback, 0));
            }
            tx.connect(rx.getLocalAddress());
            rx.connect(tx.getLocalAddress());
            AtomicLong received = new AtomicLong();
            AtomicLong lastArrivalNs = new AtomicLong();
            Thread receiver = new Thread(() -> receive(rx, received, lastArrivalNs), "raw-udp-rx");
            receiver.setDaemon(true);
            receiver.start();

            ByteBuffer out = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
            ByteBuffer ack = ByteBuffer.allocateDirect(16);
            tx.socket().setSoTimeout(20);
            long seq = 0;
            long acked = 0;
            long cpuStartNs = JavaDataChannelPair.processCpuNs();
            long startNs = System.nanoTime();
            while (System.nanoTime() - startNs < durationNs) {
                while (seq - acked < WINDOW_DATAGRAMS) {
                    out.clear();
                    out.putLong(0, seq++);
                    tx.write(out);
                }
                acked = awaitAck(tx, ack, acked, seq);
            }
            out.clear();
            out.limit(8);
            out.putLong(0, -1); // end marker
            tx.write(out);
            receiver.join(TimeUnit.SECONDS.toMillis(5));
            receiver.interrupt();
            long cpuNs = JavaDataChannelPair.processCpuNs() - cpuStartNs;
            return new JavaDataChannelPair.BulkResult(DATAGRAM_BYTES, received.get(), lastArrivalNs.get() - startNs, cpuNs);
        }
    }

    private static long awaitAck(DatagramChannel tx, ByteBuffer ack, long acked, long seq) throws IOException {
        // Blocking read with a socket timeout needs the adaptor; keep it simple and bounded.
        java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[16], 16);
        try {
            tx.socket().receive(p);
            long a = ByteBuffer.wrap(p.getData(), 0, 8).getLong();
            return Math.max(acked, a);
        } catch (SocketTimeoutException lost) {
            return seq; // an ack (or data) was lost: re-sync instead of stalling
        }
    }

    private static void receive(DatagramChannel rx, AtomicLong received, AtomicLong lastArrivalNs) {
        ByteBuffer in = ByteBuffer.allocateDirect(65536);
        ByteBuffer ack = ByteBuffer.allocateDirect(8);
        long count = 0;
        try {
            while (true) {
                in.clear();
                rx.read(in);
                if (in.position() == 8 && in.getLong(0) == -1) {
                    return;
                }
                received.addAndGet(in.position());
                lastArrivalNs.set(System.nanoTime());
                if (++count % ACK_EVERY == 0) {
                    ack.clear();
                    ack.putLong(0, in.getLong(0) + 1);
                    rx.write(ack);
                }
            }
        } catch (IOException closed) {
            // the sender closed the sockets: done
        }
    }

    /** Round-trip time of {@code sizeBytes} datagrams, one at a time. */
    static LatencySamples rtt(int sizeBytes, int warmup, int minSamples, int maxSamples, long durationNs)
            throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
            a.bind(new InetSocketAddress(loopback, 0));
            b.bind(new InetSocketAddress(loopback, 0));
            a.connect(b.getLocalAddress());
            b.connect(a.getLocalAddress());
            Thread echo = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(2048);
                try {
                    while (true) {
                        buf.clear();
                        b.read(buf);
                        buf.flip();
                        b.write(buf);
                    }
                } catch (IOException closed) {
                    // done
                }
            }, "raw-udp-echo");
            echo.setDaemon(true);
            echo.start();
            ByteBuffer out = ByteBuffer.allocateDirect(sizeBytes);
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            long[] samples = new long[maxSamples];
            int recorded = 0;
            long measureStartNs = 0;
            for (int i = 0; ; i++) {
                out.clear();
                long t0 = System.nanoTime();
                a.write(out);
                in.clear();
                a.read(in);
                long now = System.nanoTime();
                if (i < warmup) {
                    continue;
                }
                if (recorded == 0) {
                    measureStartNs = now;
                }
                samples[recorded++] = now - t0;
                if (recorded >= maxSamples || (recorded >= minSamples && now - measureStartNs >= durationNs)) {
                    break;
                }
            }
            a.close();
            b.close();
            echo.join(1000);
            return LatencySamples.ofNanos(java.util.Arrays.copyOf(samples, recorded));
        }
    }
}
