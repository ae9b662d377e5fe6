package dev.netcode.webrtc.ice.internal;

import dev.netcode.webrtc.turn.TurnClient;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of a relay candidate (RFC 8445 §5.1.1.2): sending "from" the relayed address means
 * sending through the {@link TurnClient}. The first datagram to a new peer starts a ChannelBind
 * (which installs the permission) and is dropped; ICE retransmits its check, and by then the
 * channel is usually bound.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Must be used on the TURN client's event loop, which is the agent's.</li>
 * </ul>
 */
public final class TurnRelaySocket implements IceSocket {
    private static final Logger LOG = LoggerFactory.getLogger(TurnRelaySocket.class);
    private final TurnClient client;
    private final InetSocketAddress relayed;

    public TurnRelaySocket(TurnClient client, InetSocketAddress relayed) {
        this.client = client;
        this.relayed = relayed;
    }

    public TurnClient client() {
        return client;
    }

    @Override
    public InetSocketAddress localAddress() {
        return relayed;
    }

    @Override
    public void send(ByteBuf datagram, InetSocketAddress recipient) {
        if (client.canSendTo(recipient)) {
            client.send(recipient, datagram);
            return;
        }
        datagram.release();
        client.bindChannel(recipient).whenComplete((channel, error) -> {
            if (error != null) {
                LOG.debug("TURN ChannelBind to {} via {} failed: {}", recipient, client.server().uri(), error.toString());
            }
        });
    }
}
