package dev.netcode.webrtc.sctp;

import dev.netcode.webrtc.sctp.internal.AbortChunk;
import dev.netcode.webrtc.sctp.internal.Chunk;
import dev.netcode.webrtc.sctp.internal.CookieAckChunk;
import dev.netcode.webrtc.sctp.internal.CookieEchoChunk;
import dev.netcode.webrtc.sctp.internal.DataChunk;
import dev.netcode.webrtc.sctp.internal.ErrorCause;
import dev.netcode.webrtc.sctp.internal.ErrorChunk;
import dev.netcode.webrtc.sctp.internal.ForwardTsnChunk;
import dev.netcode.webrtc.sctp.internal.HeartbeatChunk;
import dev.netcode.webrtc.sctp.internal.InitChunk;
import dev.netcode.webrtc.sctp.internal.ReconfigChunk;
import dev.netcode.webrtc.sctp.internal.SackChunk;
import dev.netcode.webrtc.sctp.internal.SctpPacket;
import dev.netcode.webrtc.sctp.internal.SctpPacketCodec;
import dev.netcode.webrtc.sctp.internal.ShutdownAckChunk;
import dev.netcode.webrtc.sctp.internal.ShutdownChunk;
import dev.netcode.webrtc.sctp.internal.ShutdownCompleteChunk;
import dev.netcode.webrtc.sctp.internal.UnknownChunk;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive path's front door: decodes a packet ({@link SctpPacketCodec}, which checks CRC32c and
 * every length), checks ports and the verification tag, and hands each chunk to the concern that
 * owns it, in packet order (RFC 9260 §6.10).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Malformed packets are dropped and counted, never thrown; a protocol violation by the peer
 *       aborts the association ({@link Closer#fail}).</li>
 *   <li>Unknown chunk types follow the two high bits of the type (§3.2): skip or stop, report or
 *       not; at most one ERROR per received packet, so a flood cannot amplify.</li>
 * </ul>
 */
final class InboundDispatcher {
    private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);

    private final Tcb tcb;
    /** The allocation-free path's SACK, handed to the sender and not kept (see SackChunk). */
    private final SackChunk sackScratch = SackChunk.scratch();
    /** A view over the last packet buffer, for DATA payloads on the allocation-free path. */
    private ByteBuffer payloadView;
    private ByteBuffer payloadViewOf;

    InboundDispatcher(Tcb tcb) {
        this.tcb = tcb;
    }

    void handlePacket(ByteBuffer packet) {
        if (tcb.state.isTerminal()) {
            return;
        }
        tcb.packetsReceived++;
        if (handleSteadyState(packet)) {
            return;
        }
        SctpPacket p;
        try {
            p = SctpPacketCodec.decode(packet);
        } catch (SctpParseException e) {
            tcb.packetsDropped++;
            log.debug("dropping malformed SCTP packet: {}", e.getMessage());
            return;
        }
        SctpConfig config = tcb.config;
        if (p.destinationPort() != config.localPort() || p.sourcePort() != config.remotePort()) {
            tcb.packetsDropped++;
            return;
        }
        tcb.out.enter();
        try {
            dispatch(p);
        } catch (SctpProtocolViolationException e) {
            tcb.closer.fail(e);
        } finally {
            tcb.out.exit();
        }
        tcb.out.flushIfIdle();
    }

    private void dispatch(SctpPacket p) {
        List<Chunk> chunks = p.chunks();
        Chunk first = chunks.get(0);
        if (first instanceof InitChunk init && !init.ack()) {
            if (chunks.size() != 1 || p.verificationTag() != 0) {
                tcb.packetsDropped++; // §6.10: INIT must be alone, with tag 0
                return;
            }
            tcb.handshake.onInit(init);
            return;
        }
        if (!tcb.handshake.verificationTagOk(p, first)) {
            tcb.packetsDropped++;
            return;
        }
        tcb.errorReportedInPacket = false;
        DataReceiver receiver = tcb.receiver;
        receiver.beginPacket();
        for (Chunk c : chunks) {
            if (tcb.state.isTerminal()) {
                return;
            }
            if (c instanceof DataChunk d) {
                receiver.onData(d);
            } else if (c instanceof SackChunk s) {
                tcb.sender.onSack(s);
            } else if (c instanceof HeartbeatChunk hb) {
                tcb.heartbeats.onHeartbeat(hb);
            } else if (c instanceof InitChunk ack) {
                tcb.handshake.onInitAck(ack);
            } else if (c instanceof CookieEchoChunk echo) {
                tcb.handshake.onCookieEcho(echo);
            } else if (c instanceof CookieAckChunk) {
                tcb.handshake.onCookieAck();
            } else if (c instanceof ForwardTsnChunk f) {
                receiver.onForwardTsn(f);
            } else if (c instanceof ReconfigChunk r) {
                tcb.resetGlue.onReconfig(r);
            } else if (c instanceof AbortChunk a) {
                tcb.closer.onAbort(a);
                return;
            } else if (c instanceof ShutdownChunk s) {
                tcb.closer.onShutdown(s);
            } else if (c instanceof ShutdownAckChunk) {
                tcb.closer.onShutdownAck();
            } else if (c instanceof ShutdownCompleteChunk) {
                tcb.closer.onShutdownComplete();
            } else if (c instanceof ErrorChunk e) {
                log.debug("peer reported: {}", e.causes());
            } else if (c instanceof UnknownChunk u) {
                reportUnknown(u);
                if (u.stopProcessing()) {
                    break;
                }
            }
        }
        receiver.endPacket();
    }

    /**
     * The allocation-free path for the packets of an established association's data transfer:
     * only complete DATA chunks (B and E set) and SACKs without gap blocks or duplicates. Checks the
     * same things {@link SctpPacketCodec#decode} and {@link #dispatch} do, on the raw bytes, in the
     * same order, and processes the chunks in packet order; any other packet returns false
     * untouched and takes the general path.
     */
    private boolean handleSteadyState(ByteBuffer packet) {
        if (tcb.state != SctpState.ESTABLISHED || tcb.tracker == null) {
            return false;
        }
        int start = packet.position();
        int end = packet.limit();
        if (end - start < SctpPacket.HEADER_BYTES + 4) {
            return false;
        }
        int pos = start + SctpPacket.HEADER_BYTES;
        int chunks = 0;
        while (end - pos >= 4) {
            int type = packet.get(pos) & 0xFF;
            int flags = packet.get(pos + 1) & 0xFF;
            int length = packet.getShort(pos + 2) & 0xFFFF;
            if (length < 4 || length - 4 > end - pos - 4 || ++chunks > SctpPacketCodec.MAX_CHUNKS) {
                return false;
            }
            boolean common = type == Chunk.DATA
                    ? length > DataChunk.HEADER_BYTES
                            && (flags & (DataChunk.FLAG_BEGIN | DataChunk.FLAG_END)) == (DataChunk.FLAG_BEGIN | DataChunk.FLAG_END)
                    : type == Chunk.SACK && length == 16 && packet.getInt(pos + 12) == 0;
            if (!common) {
                return false;
            }
            pos = Math.min(pos + ((length + 3) & ~3), end);
        }
        if (pos != end) {
            return false;
        }
        if (SctpPacketCodec.checksum(packet) != Integer.reverseBytes(packet.getInt(start + 8))) {
            tcb.packetsDropped++;
            log.debug("dropping SCTP packet: bad CRC32c checksum");
            return true;
        }
        SctpConfig config = tcb.config;
        if ((packet.getShort(start + 2) & 0xFFFF) != config.localPort()
                || (packet.getShort(start) & 0xFFFF) != config.remotePort()
                || packet.getInt(start + 4) != tcb.localTag) {
            tcb.packetsDropped++;
            return true;
        }
        if (payloadViewOf != packet) {
            payloadViewOf = packet;
            payloadView = packet.duplicate();
        }
        tcb.out.enter();
        try {
            tcb.errorReportedInPacket = false;
            DataReceiver receiver = tcb.receiver;
            receiver.beginPacket();
            pos = start + SctpPacket.HEADER_BYTES;
            while (pos < end) {
                if (tcb.state.isTerminal()) {
                    return true;
                }
                int type = packet.get(pos) & 0xFF;
                int flags = packet.get(pos + 1) & 0x0F;
                int length = packet.getShort(pos + 2) & 0xFFFF;
                if (type == Chunk.DATA) {
                    ByteBuffer payload = payloadView;
                    payload.clear();
                    payload.position(pos + DataChunk.HEADER_BYTES).limit(pos + length);
                    receiver.onData(null, flags, packet.getInt(pos + 4), packet.getShort(pos + 8) & 0xFFFF,
                            packet.getShort(pos + 10) & 0xFFFF, packet.getInt(pos + 12), payload);
                } else {
                    tcb.sender.onSack(sackScratch.setCumulativeOnly(packet.getInt(pos + 4),
                            packet.getInt(pos + 8) & 0xFFFFFFFFL));
                }
                pos = Math.min(pos + ((length + 3) & ~3), end);
            }
            receiver.endPacket();
        } catch (SctpProtocolViolationException e) {
            tcb.closer.fail(e);
        } finally {
            tcb.out.exit();
        }
        tcb.out.flushIfIdle();
        return true;
    }

    private void reportUnknown(UnknownChunk u) {
        if (u.report() && tcb.peerTag != 0 && !tcb.errorReportedInPacket) {
            tcb.errorReportedInPacket = true;
            ByteBuffer header = ByteBuffer.allocate(4);
            header.put((byte) u.type()).put((byte) u.flags()).putShort((short) (4 + u.value().length));
            tcb.control.add(new ErrorChunk(List.of(new ErrorCause(ErrorCause.UNRECOGNIZED_CHUNK_TYPE,
                    header.array()))));
        }
    }
}
