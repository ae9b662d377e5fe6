package dev.netcode.webrtc.turn.internal;

import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunMethod;
import dev.netcode.webrtc.stun.StunParseException;
import dev.netcode.webrtc.turn.TurnParseException;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Classifies one datagram or TCP frame from a TURN server: ChannelData (RFC 8656 §12.4), a Data
 * indication (§11.4), or a STUN response. The single entry point for hostile server bytes, so it is
 * what the fuzz test drives.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A ChannelData result's {@link #channelData()} is a slice of the input: valid only as long
 *       as the input buffer.</li>
 *   <li>Requests and indications other than Data are returned as {@link Kind#IGNORED}: a client
 *       never serves requests.</li>
 * </ul>
 */
public final class TurnInbound {
    /** What a frame turned out to be. */
    public enum Kind { CHANNEL_DATA, DATA_INDICATION, RESPONSE, IGNORED }

    private final Kind kind;
    private final int channel;
    private final ByteBuf channelData;
    private final InetSocketAddress peer;
    private final byte[] data;
    private final StunMessage response;

    private TurnInbound(Kind kind, int channel, ByteBuf channelData, InetSocketAddress peer, byte[] data, StunMessage response) {
        this.kind = kind;
        this.channel = channel;
        this.channelData = channelData;
        this.peer = peer;
        this.data = data;
        this.response = response;
    }

    /** Decodes the readable bytes of {@code frame} (indexes unchanged). */
    public static TurnInbound decode(ByteBuf frame) throws TurnParseException {
        if (!frame.isReadable()) {
            throw new TurnParseException("empty frame");
        }
        int first = frame.getUnsignedByte(frame.readerIndex());
        if (ChannelData.isChannelData(first)) {
            int number = ChannelData.channel(frame);
            int length = ChannelData.dataLength(frame);
            return new TurnInbound(Kind.CHANNEL_DATA, number,
                    frame.slice(frame.readerIndex() + ChannelData.HEADER_BYTES, length), null, null, null);
        }
        StunMessage message;
        try {
            message = StunMessage.decode(frame);
        } catch (StunParseException e) {
            throw new TurnParseException("not STUN or ChannelData: " + e.getMessage());
        }
        if (message.messageClass() == StunClass.INDICATION && message.method() == StunMethod.DATA) {
            byte[] peerValue = message.attribute(TurnAttributes.XOR_PEER_ADDRESS);
            byte[] data = message.attribute(TurnAttributes.DATA);
            if (peerValue == null || data == null) {
                throw new TurnParseException("Data indication without XOR-PEER-ADDRESS or DATA");
            }
            return new TurnInbound(Kind.DATA_INDICATION, -1, null,
                    TurnAttributes.decodeXorAddress(peerValue, message.transactionId()), data, null);
        }
        if (message.messageClass().isResponse()) {
            return new TurnInbound(Kind.RESPONSE, -1, null, null, null, message);
        }
        return new TurnInbound(Kind.IGNORED, -1, null, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The channel number of ChannelData, else -1. */
    public int channel() {
        return channel;
    }

    /** The application data of ChannelData (a slice of the input), else null. */
    public ByteBuf channelData() {
        return channelData;
    }

    /** The sending peer of a Data indication, else null. */
    public InetSocketAddress peer() {
        return peer;
    }

    /** The DATA of a Data indication, else null. */
    public byte[] data() {
        return data;
    }

    /** The response, else null. */
    public StunMessage response() {
        return response;
    }
}
