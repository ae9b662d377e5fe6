package dev.netcode.webrtc.ice.internal;

import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunErrorCode;
import dev.netcode.webrtc.stun.StunMessage;
import dev.netcode.webrtc.stun.StunMessageWriter;
import dev.netcode.webrtc.stun.StunMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;

/**
 * Writes the answers to Binding requests (RFC 8445 §7.3.1, RFC 8489 §6.3): a success response
 * carries XOR-MAPPED-ADDRESS (the request's source, how the peer learns a peer-reflexive
 * candidate), MESSAGE-INTEGRITY keyed with the local password and FINGERPRINT. 400 and 401 are not
 * signed (the request could not be authenticated); 420 and 487 are. Owned by one event loop.
 */
public final class BindingResponder {
    private final StunMessageWriter writer = new StunMessageWriter();
    private final byte[] localPassword;
    private final String software;

    public BindingResponder(byte[] localPassword, String software) {
        this.localPassword = localPassword;
        this.software = software;
    }

    public void success(IceSocket socket, InetSocketAddress sender, StunMessage request) {
        ByteBuf buf = Unpooled.buffer(128);
        writer.begin(buf, StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, request.transactionId()).xorMappedAddress(sender);
        if (software != null) {
            writer.software(software);
        }
        writer.messageIntegrity(localPassword).fingerprint().finish();
        socket.send(buf, sender);
    }

    public void error(IceSocket socket, InetSocketAddress sender, StunMessage request, StunErrorCode error, boolean sign) {
        ByteBuf buf = Unpooled.buffer(128);
        writer.begin(buf, StunClass.ERROR_RESPONSE, StunMethod.BINDING, request.transactionId()).errorCode(error);
        if (sign) {
            writer.messageIntegrity(localPassword);
        }
        writer.fingerprint().finish();
        socket.send(buf, sender);
    }

    public void unknownAttributes(IceSocket socket, InetSocketAddress sender, StunMessage request, int[] unknown) {
        ByteBuf buf = Unpooled.buffer(128);
        writer.begin(buf, StunClass.ERROR_RESPONSE, StunMethod.BINDING, request.transactionId())
                .errorCode(StunErrorCode.UNKNOWN_ATTRIBUTE)
                .unknownAttributes(unknown)
                .messageIntegrity(localPassword)
                .fingerprint()
                .finish();
        socket.send(buf, sender);
    }
}
