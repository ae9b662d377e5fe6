package dev.netcode.webrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netcode.webrtc.stun.StunClass;
import dev.netcode.webrtc.stun.StunMessageWriter;
import dev.netcode.webrtc.stun.StunMethod;
import dev.netcode.webrtc.stun.StunTransactionId;
import dev.netcode.webrtc.turn.internal.ChannelData;
import dev.netcode.webrtc.turn.internal.TurnAttributes;
import dev.netcode.webrtc.turn.internal.TurnInbound;
import dev.netcode.webrtc.turn.internal.TurnStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TURN wire formats, URIs and credentials without a server. */
class TurnWireTest {

    @Test
    void restCredentialsMatchCoturnsFormula() {
        // Vector: printf 1700000000:alice | openssl dgst -sha1 -hmac secret -binary | base64
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_699_999_000L), ZoneOffset.UTC);
        TurnCredentials c = TurnCredentials.rest("secret", "alice", Duration.ofSeconds(1000), clock);
        assertThat(c.username()).isEqualTo("1700000000:alice");
        assertThat(c.password()).isEqualTo("d8soP47RbdIKLDUOpnJPVQyq5Ts=");
        assertThat(c.toString()).doesNotContain(c.password());
        assertThatThrownBy(() -> TurnCredentials.rest("s", "a:b", Duration.ofSeconds(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longTermKeyIsMd5OfUserRealmPassword() {
        // Vector: printf user:realm:pass | md5sum
        assertThat(HexFormat.of().formatHex(TurnCredentials.of("user", "pass").longTermKey("realm")))
                .isEqualTo("8493fbc53ba582fb4c044c456bdc40eb");
    }

    @Test
    void parsesTurnUris() {
        TurnCredentials c = TurnCredentials.of("u", "p");
        TurnServer udp = TurnServer.parse("turn:127.0.0.1:3479?transport=udp", c);
        assertThat(udp.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 3479));
        assertThat(udp.transport()).isEqualTo(TurnTransport.UDP);
        assertThat(TurnServer.parse("turn:127.0.0.1", c).address().getPort()).isEqualTo(3478);
        TurnServer tcp = TurnServer.parse("TURN:[::1]:5000?transport=TCP", c);
        assertThat(tcp.transport()).isEqualTo(TurnTransport.TCP);
        assertThat(tcp.address().getPort()).isEqualTo(5000);
        assertThat(tcp.uri()).isEqualTo("turn:[0:0:0:0:0:0:0:1]:5000?transport=tcp");
        assertThat(TurnServer.parse(udp.uri(), c)).isEqualTo(udp);
        for (String bad : new String[] {"turns:127.0.0.1", "stun:127.0.0.1", "turn:", "turn:127.0.0.1:0", "turn:127.0.0.1:x",
                "turn:127.0.0.1?transport=sctp", "turn:[::1"}) {
            assertThatThrownBy(() -> TurnServer.parse(bad, c)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void xorAddressesRoundTrip() throws Exception {
        StunTransactionId tid = StunTransactionId.random(new Random(7));
        for (InetSocketAddress a : new InetSocketAddress[] {new InetSocketAddress("192.0.2.1", 32853),
                new InetSocketAddress("2001:db8::1", 1)}) {
            assertThat(TurnAttributes.decodeXorAddress(TurnAttributes.xorAddress(a, tid), tid)).isEqualTo(a);
        }
        assertThatThrownBy(() -> TurnAttributes.decodeXorAddress(new byte[] {0, 1, 0, 0, 1, 2, 3}, tid))
                .isInstanceOf(TurnParseException.class);
        assertThatThrownBy(() -> TurnAttributes.decodeLifetime(new byte[3])).isInstanceOf(TurnParseException.class);
        assertThat(TurnAttributes.decodeLifetime(new byte[] {-1, -1, -1, -1})).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void channelDataAndDataIndicationsAreClassified() throws Exception {
        ByteBuf cd = Unpooled.buffer();
        ChannelData.writeHeader(cd, 0x4001, 3);
        cd.writeBytes(new byte[] {1, 2, 3, 0}); // UDP padding is allowed after the data
        TurnInbound in = TurnInbound.decode(cd);
        assertThat(in.kind()).isEqualTo(TurnInbound.Kind.CHANNEL_DATA);
        assertThat(in.channel()).isEqualTo(0x4001);
        assertThat(ByteBufUtil.getBytes(in.channelData())).containsExactly(1, 2, 3);

        ByteBuf overrun = Unpooled.wrappedBuffer(new byte[] {0x40, 0x00, 0x00, 0x09, 1, 2});
        assertThatThrownBy(() -> TurnInbound.decode(overrun)).isInstanceOf(TurnParseException.class);
        ByteBuf reserved = Unpooled.wrappedBuffer(new byte[] {0x4F, (byte) 0xFF, 0, 0});
        assertThat(TurnInbound.decode(reserved).channel()).isEqualTo(0x4FFF);

        StunTransactionId tid = StunTransactionId.random(new Random(1));
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 50000);
        ByteBuf ind = Unpooled.buffer();
        new StunMessageWriter().begin(ind, StunClass.INDICATION, StunMethod.DATA, tid)
                .attribute(TurnAttributes.XOR_PEER_ADDRESS, TurnAttributes.xorAddress(peer, tid))
                .attribute(TurnAttributes.DATA, new byte[] {9, 8, 7}).finish();
        TurnInbound data = TurnInbound.decode(ind);
        assertThat(data.kind()).isEqualTo(TurnInbound.Kind.DATA_INDICATION);
        assertThat(data.peer()).isEqualTo(peer);
        assertThat(data.data()).containsExactly(9, 8, 7);
    }

    @Test
    void tcpStreamIsCutIntoFramesWhateverTheSegmentation() {
        StunTransactionId tid = StunTransactionId.random(new Random(3));
        ByteBuf stream = Unpooled.buffer();
        new StunMessageWriter().begin(stream, StunClass.SUCCESS_RESPONSE, StunMethod.REFRESH, tid)
                .attribute(TurnAttributes.LIFETIME, TurnAttributes.lifetime(600)).fingerprint().finish();
        int stunLength = stream.readableBytes();
        ChannelData.writeHeader(stream, 0x4000, 5);
        stream.writeBytes(new byte[] {1, 2, 3, 4, 5});
        ChannelData.writePadding(stream, 5);
        ChannelData.writeHeader(stream, 0x4002, 0);

        EmbeddedChannel ch = new EmbeddedChannel(new TurnStreamDecoder());
        while (stream.isReadable()) {
            ch.writeInbound(stream.readRetainedSlice(Math.min(3, stream.readableBytes())));
        }
        stream.release();
        ByteBuf f1 = ch.readInbound();
        ByteBuf f2 = ch.readInbound();
        ByteBuf f3 = ch.readInbound();
        assertThat(f1.readableBytes()).isEqualTo(stunLength);
        assertThat(f2.readableBytes()).isEqualTo(12); // 4 header + 5 data + 3 padding
        assertThat(f3.readableBytes()).isEqualTo(4);
        assertThat((Object) ch.readInbound()).isNull();
        f1.release();
        f2.release();
        f3.release();

        // A byte that starts neither STUN nor ChannelData desynchronises the stream: the connection closes.
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0, 0}));
        assertThat(ch.isOpen()).isFalse();
    }
}
