package dev.netcode.webrtc.dtls.internal;

import dev.netcode.webrtc.dtls.DatagramPath;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Adapts a {@link DatagramPath} plus a bounded receive queue to BouncyCastle's blocking
 * {@link DatagramTransport}.
 *
 * <p>Two modes. <b>Handshake</b>: the handshake thread blocks in {@link #receive} on the bounded
 * queue that {@link #offer} fills from the I/O thread. <b>Synchronous</b> (after the handshake): the
 * feeding thread sets exactly one datagram with {@link #setPending} and calls BouncyCastle's record
 * layer on its own thread; once that datagram is consumed, {@link #receive} throws the preallocated
 * {@link #DRAINED} signal so BouncyCastle returns to us instead of waiting for more input.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>BouncyCastle treats {@code waitMillis == 0} as "wait forever" and a
 *       {@code SocketTimeoutException} as "try again", so only a non-timeout
 *       {@link InterruptedIOException} ends its receive loop without failing the session.</li>
 *   <li>The synchronous mode is not thread-safe: callers serialize on the endpoint's lock.</li>
 *   <li>BouncyCastle writes every handshake record as its own datagram. Here the records of one
 *       flight are packed into as few datagrams as the MTU allows (RFC 6347 §4.1.1 permits several
 *       records per datagram), flushed when BouncyCastle next waits for input or closes us. Besides
 *       saving round trips under loss, this avoids a BouncyCastle stall: when a ChangeCipherSpec
 *       arrived before a lost CertificateVerify, the server switched to epoch 1 and could never
 *       accept the epoch-0 retransmission.</li>
 * </ul>
 */
public final class DatagramQueueTransport implements DatagramTransport {

    /** Control-flow signal "the fed datagram is consumed"; no stack trace, shared. */
    public static final InterruptedIOException DRAINED = new Signal("no more datagrams fed");

    private static final long POLL_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DatagramPath path;
    private final ArrayBlockingQueue<byte[]> queue;
    /** A datagram given back by the handshake thread; only that thread touches it. */
    private byte[] unread;
    private final int handshakeMtuBytes;
    private final int maxDatagramSizeBytes;

    private volatile boolean synchronous;
    private volatile boolean aborted;
    private volatile boolean closedByRecordLayer;
    private volatile long handshakeDeadlineNs = Long.MAX_VALUE;
    private ByteBuffer pending;
    private final Object flightLock = new Object();
    /**
     * Handshake records waiting to be sent together; guarded by {@link #flightLock}. Released (null)
     * once the session is established: a host keeps hundreds of connected endpoints and the record
     * layer then sends every record straight away.
     */
    private byte[] flight;
    private int flightLength;
    /** Diagnostic time stamps, or null (the usual case). */
    private volatile HandshakeTrace trace;

    public DatagramQueueTransport(DatagramPath path, int queueCapacity, int handshakeMtuBytes, int maxDatagramSizeBytes) {
        this.path = path;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.handshakeMtuBytes = handshakeMtuBytes;
        this.maxDatagramSizeBytes = maxDatagramSizeBytes;
        this.flight = new byte[handshakeMtuBytes];
    }

    /** Records arrivals, pick-ups and flushes in {@code t} (diagnostics; null to stop). */
    public void setTrace(HandshakeTrace t) {
        this.trace = t;
    }

    /** Handshake mode: queues a copy; false when the queue is full (the datagram is dropped). */
    public boolean offer(ByteBuffer datagram) {
        HandshakeTrace t = trace;
        if (t != null) {
            t.mark(HandshakeTrace.Event.ARRIVE);
        }
        byte[] copy = new byte[datagram.remaining()];
        datagram.get(copy);
        return queue.offer(copy);
    }

    /**
     * Puts a datagram that was already taken back in front of the queue, so that the next
     * {@link #receive} returns it again (the server hands a ClientHello it could not cookie-verify to
     * BouncyCastle's own handshake). Only the handshake thread calls this.
     */
    public void unread(byte[] datagram) {
        unread = datagram;
    }

    /** Removes a queued datagram for replay in synchronous mode, or null. */
    public byte[] pollQueued() {
        return queue.poll();
    }

    public void setHandshakeDeadline(long deadlineNs) {
        this.handshakeDeadlineNs = deadlineNs;
    }

    /** Switches to synchronous mode; records up to {@code maxDatagramSizeBytes} are now allowed. */
    public void enterSynchronousMode() {
        synchronized (flightLock) {
            flushFlightLocked();
            this.synchronous = true;
            flight = null;
        }
    }

    /** Whether the handshake flight buffer is still held (it is released on entering synchronous mode). */
    public boolean holdsFlightBuffer() {
        synchronized (flightLock) {
            return flight != null;
        }
    }

    /** Synchronous mode: the one datagram the next {@link #receive} returns. */
    public void setPending(ByteBuffer datagram) {
        this.pending = datagram;
    }

    /** Makes a blocked handshake receive give up (endpoint closed or executor shut down). */
    public void abort() {
        this.aborted = true;
        queue.clear();
    }

    public boolean isAborted() {
        return aborted;
    }

    /** True once BouncyCastle closed us, i.e. after a close_notify exchange or a failure. */
    public boolean isClosedByRecordLayer() {
        return closedByRecordLayer;
    }

    @Override
    public int getReceiveLimit() {
        // BouncyCastle allocates a buffer of this size for every receive call: once connected, the
        // pending datagram's exact size keeps that allocation as small as the datagram.
        ByteBuffer d = pending;
        return synchronous && d != null ? Math.max(1, d.remaining()) : maxDatagramSizeBytes;
    }

    @Override
    public int getSendLimit() {
        return synchronous ? maxDatagramSizeBytes : handshakeMtuBytes;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws InterruptedIOException {
        if (synchronous) {
            ByteBuffer d = pending;
            if (d == null) {
                throw DRAINED;
            }
            pending = null;
            int n = Math.min(len, d.remaining());
            d.get(buf, off, n);
            return n;
        }
        return receiveBlocking(buf, off, len, waitMillis);
    }

    private int receiveBlocking(byte[] buf, int off, int len, int waitMillis) throws InterruptedIOException {
        // BouncyCastle waits for the peer only after writing a complete flight.
        flushFlight();
        byte[] again = unread;
        if (again != null) {
            unread = null;
            int n = Math.min(len, again.length);
            System.arraycopy(again, 0, buf, off, n);
            return n;
        }
        long now = System.nanoTime();
        long waitDeadlineNs = waitMillis > 0 ? now + TimeUnit.MILLISECONDS.toNanos(waitMillis) : Long.MAX_VALUE;
        while (true) {
            if (aborted) {
                throw new Signal("handshake aborted");
            }
            long hardDeadline = handshakeDeadlineNs;
            if (now - hardDeadline >= 0) {
                throw new HandshakeDeadlineException();
            }
            long remainingNs = Math.min(waitDeadlineNs - now, hardDeadline - now);
            if (remainingNs <= 0) {
                return -1;
            }
            byte[] d;
            try {
                d = queue.poll(Math.min(remainingNs, POLL_SLICE_NS), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Signal("handshake thread interrupted");
            }
            if (d != null) {
                HandshakeTrace t = trace;
                if (t != null) {
                    t.mark(HandshakeTrace.Event.PICKUP);
                }
                int n = Math.min(len, d.length);
                System.arraycopy(d, 0, buf, off, n);
                return n;
            }
            now = System.nanoTime();
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (synchronous) {
            path.send(ByteBuffer.wrap(buf, off, len));
            return;
        }
        synchronized (flightLock) {
            if (flight == null) { // switched to synchronous mode since the check above
                path.send(ByteBuffer.wrap(buf, off, len));
                return;
            }
            if (flightLength > 0 && flightLength + len > flight.length) {
                flushFlightLocked();
            }
            if (len > flight.length) {
                path.send(ByteBuffer.wrap(buf, off, len));
                return;
            }
            System.arraycopy(buf, off, flight, flightLength, len);
            flightLength += len;
        }
    }

    /** Sends the packed handshake records, if any. */
    public void flushFlight() {
        synchronized (flightLock) {
            flushFlightLocked();
        }
    }

    private void flushFlightLocked() {
        if (flight != null && flightLength > 0) {
            int n = flightLength;
            flightLength = 0;
            HandshakeTrace t = trace;
            if (t != null) {
                t.mark(HandshakeTrace.Event.FLUSH);
            }
            path.send(ByteBuffer.wrap(flight, 0, n));
        }
    }

    @Override
    public void close() {
        // Alerts written just before closing (e.g. bad_certificate) must still leave.
        flushFlight();
        closedByRecordLayer = true;
    }

    /** Thrown by {@link #receive} once the configured overall handshake time has passed. */
    public static final class HandshakeDeadlineException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        HandshakeDeadlineException() {
            super("DTLS handshake deadline passed");
        }
    }

    private static final class Signal extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Signal(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
