package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.Chunk;
import dev.netcode.webrtc.sctp.internal.PacketWriter;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound packet assembly and bundling (RFC 9260 §6.10): each packet carries, in this order, a
 * due SACK, a due FORWARD TSN, queued control chunks, then retransmissions and new DATA, up to the
 * MTU. Packets are written until nothing more may leave.
 *
 * <p>Re-entrancy: every entry point (a received packet, a timer, an API call) ends with
 * {@link #flushIfIdle()}; calls made while a packet is being processed or a listener callback runs
 * only queue their chunks, and the outermost call sends them, bundled.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Control chunks go before DATA (§6.10), and DATA waits while control chunks are queued so a
 *       COOKIE ECHO, SHUTDOWN or RE-CONFIG is never starved by a full window.</li>
 *   <li>A control chunk that can never fit the MTU is dropped rather than looping forever.</li>
 * </ul>
 */
final class PacketAssembler {
    private static final Logger log = LoggerFactory.getLogger(PacketAssembler.class);

    private final Tcb tcb;
    private final SctpPacketSink sink;
    private final PacketWriter writer;
    private int depth;

    PacketAssembler(Tcb tcb, SctpPacketSink sink) {
        this.tcb = tcb;
        this.sink = sink;
        this.writer = new PacketWriter(tcb.config.mtuBytes(), tcb.config.localPort(), tcb.config.remotePort());
    }

    /** Marks the start of an event whose output is to be bundled (a received packet). */
    void enter() {
        depth++;
    }

    void exit() {
        depth--;
    }

    /** Sends whatever may leave now, unless an outer call will. */
    void flushIfIdle() {
        if (depth == 0 && !tcb.state.isTerminal()) {
            depth++;
            try {
                transmit();
            } finally {
                depth--;
            }
        }
    }

    /** Sends one chunk alone in a packet with the given verification tag (INIT, ABORT, …). */
    void sendSingle(int vtag, Chunk chunk) {
        writer.begin(vtag);
        try {
            writer.add(chunk);
            tcb.packetsSent++;
            sink.sendPacket(writer.finish());
        } finally {
            writer.release();
        }
    }

    private void transmit() {
        if (tcb.peerTag == 0) {
            return;
        }
        long now = tcb.nowNanos();
        int mtu = tcb.config.mtuBytes();
        boolean dataAllowed = tcb.sendsData() && tcb.cc != null;
        DataSender sender = tcb.sender;
        DataReceiver receiver = tcb.receiver;
        if (dataAllowed) {
            sender.prepare(now);
        }
        while (true) {
            writer.begin(tcb.peerTag);
            try {
                if (!buildAndSend(receiver, sender, dataAllowed, now, mtu)) {
                    break;
                }
            } finally {
                writer.release();
            }
            if (tcb.state.isTerminal()) {
                return;
            }
        }
        if (tcb.resets != null && tcb.sendsData()) {
            // A stream may have drained just now: its reset request can go out at once.
            tcb.resetGlue.maybeSendRequest();
            transmitControlOnly();
        }
    }

    /** Fills the begun packet and sends it; false when there was nothing to send. */
    private boolean buildAndSend(DataReceiver receiver, DataSender sender, boolean dataAllowed, long now, int mtu) {
        if (receiver.sackDue()) {
            writer.add(receiver.buildSack());
        }
        sender.addForwardTsnIfDue(writer, now, mtu);
        while (!tcb.control.isEmpty()) {
            Chunk c = tcb.control.peek();
            if (writer.fits(c, mtu)) {
                writer.add(tcb.control.poll());
            } else if (writer.isEmpty()) {
                tcb.control.poll(); // can never fit: drop rather than loop
                log.debug("dropping oversized control chunk type {}", c.type());
            } else {
                break;
            }
        }
        boolean sentData = false;
        if (dataAllowed && tcb.control.isEmpty()) {
            sentData = sender.addData(writer, now, mtu);
            sender.addForwardTsnIfDue(writer, now, mtu); // a placeholder may have just abandoned a message
        }
        if (writer.isEmpty()) {
            return false;
        }
        ByteBuffer packet = writer.finish();
        tcb.packetsSent++;
        if (sentData) {
            sender.onDataPacketSent(now);
        }
        sink.sendPacket(packet);
        return true;
    }

    /** Sends queued control chunks that were added after the main loop (a reset request). */
    private void transmitControlOnly() {
        int mtu = tcb.config.mtuBytes();
        while (!tcb.control.isEmpty()) {
            writer.begin(tcb.peerTag);
            try {
                while (!tcb.control.isEmpty() && (writer.isEmpty() || writer.fits(tcb.control.peek(), mtu))) {
                    writer.add(tcb.control.poll());
                }
                tcb.packetsSent++;
                sink.sendPacket(writer.finish());
            } finally {
                writer.release();
            }
        }
    }
}
