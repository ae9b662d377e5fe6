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

    InboundDispatcher(Tcb tcb) {
        this.tcb = tcb;
    }

    void handlePacket(ByteBuffer packet) {
        if (tcb.state.isTerminal()) {
            return;
        }
        tcb.packetsReceived++;
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
