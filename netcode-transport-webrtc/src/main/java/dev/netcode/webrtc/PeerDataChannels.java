package dev.netcode.webrtc;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelManager;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.dtls.DtlsException;
import dev.netcode.webrtc.sctp.SctpAssociation;
import dev.netcode.webrtc.sctp.SctpConfig;
import dev.netcode.webrtc.sctp.SctpScheduler;
import dev.netcode.webrtc.sctp.SctpState;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCTP association (RFC 8261: SCTP over DTLS) and its {@link DataChannelManager} of one
 * {@link PeerConnection}: built once the DTLS role is known (both descriptions applied), connected
 * when DTLS is, fed every decrypted application record.
 *
 * <h2>Threads</h2>
 * Everything here runs on the connection's event loop, as the association and the manager require.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The DTLS role decides the stream-id parity (client even, server odd), so no channel can
 *       exist before the role is known.</li>
 *   <li>Outgoing packets are encrypted by {@link PeerConnection#sendApplicationData} before the
 *       sink returns, which is what {@link dev.netcode.webrtc.sctp.SctpPacketSink} demands; a send
 *       that fails because DTLS is gone is a lost packet, which SCTP tolerates.</li>
 * </ul>
 */
final class PeerDataChannels {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDataChannels.class);

    private final EventLoop loop;
    private final DataChannelManager manager;
    private final SctpAssociation sctp;
    private final boolean dtlsClient;
    private boolean connectRequested;

    /**
     * How long the DTLS client waits for the server's INIT before sending its own. The server
     * finishes a full DTLS handshake first (it sends the last flight) and sends INIT at once, so
     * the INIT normally arrives with or right after the server's Finished; the fallback only
     * matters when that INIT is lost or the peer waits too.
     */
    static final long INIT_FALLBACK_MS = 200;

    /**
     * @param localMaxMessageSizeBytes our {@code a=max-message-size} (0 = any)
     * @param remoteMaxMessageSizeBytes the peer's {@code a=max-message-size} (0 = any)
     */
    PeerDataChannels(PeerConnection pc, EventLoop loop, boolean dtlsClient, long localMaxMessageSizeBytes,
            long remoteMaxMessageSizeBytes, DataChannelManager.Listener onDataChannel) {
        this.loop = loop;
        this.dtlsClient = dtlsClient;
        SctpScheduler scheduler = SctpScheduler.of(loop);
        this.manager = new DataChannelManager(scheduler, dtlsClient, DataChannelManager.DEFAULT_MAX_CHANNELS, onDataChannel);
        // SctpConfig holds our limit as an int; "any size" (0) or a huge value is capped at int range.
        int local = localMaxMessageSizeBytes == 0 || localMaxMessageSizeBytes > Integer.MAX_VALUE
                ? Integer.MAX_VALUE : (int) localMaxMessageSizeBytes;
        SctpConfig config = SctpConfig.builder()
                .maxMessageSizeBytes(local)
                .remoteMaxMessageSizeBytes(remoteMaxMessageSizeBytes == 0 ? Long.MAX_VALUE : remoteMaxMessageSizeBytes)
                .build();
        this.sctp = new SctpAssociation(config, packet -> sendPacket(pc, packet), scheduler, manager);
        manager.attach(sctp);
    }

    private static void sendPacket(PeerConnection pc, ByteBuffer packet) {
        try {
            pc.sendApplicationData(packet);
        } catch (DtlsException e) {
            // DTLS closed or failed under us: the packet is lost, SCTP's timers or abort handle it.
            LOG.debug("SCTP packet dropped: {}", e.getMessage());
        }
    }

    DataChannel createDataChannel(String label, DataChannelParameters parameters) {
        return manager.createDataChannel(label, parameters);
    }

    /** {@link System#nanoTime()} when the association came up, or 0. Any thread. */
    long associationUpNs() {
        return manager.associationUpNs();
    }

    /**
     * DTLS is connected: start the association. On the loop. The DTLS server, which completes the
     * handshake first, sends INIT; the client waits for it ({@link #INIT_FALLBACK_MS}): one
     * four-way handshake instead of two crossing ones, with half the packets. Browsers send INIT
     * from both sides; crossing INITs still converge (RFC 9260 §5.2.4).
     */
    void onDtlsConnected() {
        if (connectRequested) {
            return;
        }
        connectRequested = true;
        if (sctp.state() != SctpState.CLOSED) {
            return; // the peer's INIT and COOKIE ECHO came first: nothing to start
        }
        if (!dtlsClient) {
            sctp.connect();
        } else {
            sctp.listen(INIT_FALLBACK_MS);
        }
    }

    /** One decrypted DTLS record. The buffer is only valid during the call, so copy when handing off. */
    void onApplicationData(ByteBuffer record) {
        if (loop.inEventLoop()) {
            handle(record);
        } else {
            ByteBuffer copy = ByteBuffer.allocate(record.remaining()).put(record.duplicate()).flip();
            loop.execute(() -> handle(copy));
        }
    }

    private void handle(ByteBuffer record) {
        // Never throws for hostile input: the association drops and counts, or aborts on violations.
        sctp.handlePacket(record);
    }

    /** Graceful close (SHUTDOWN) if the association is up. */
    void shutdown() {
        sctp.shutdown(); // aborts by itself when not yet established; no-op when already ended
    }

    /** DTLS failed: every channel gets its error and closes. */
    void abort(String reason) {
        sctp.abort(reason); // no-op once terminal
    }
}
