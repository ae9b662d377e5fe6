package dev.netcode.webrtc.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignalTest {

    @Test
    void everyTypeRoundTripsIncludingEscapes() throws Exception {
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=x:\"quoted\" \\ back\tslash \u0001\r\n";
        for (Signal s : new Signal[] {Signal.offer("c1", sdp), Signal.answer("c1", sdp),
                Signal.candidate("c1", "candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host", "0"),
                Signal.candidate("c1", "", "data"), Signal.bye("c1", "handshake timeout")}) {
            assertThat(Signal.decode(s.encode())).isEqualTo(s);
        }
    }

    @Test
    void theWireFormatIsFlatJson() {
        assertThat(Signal.offer("ab", "v=0\r\n").encode())
                .isEqualTo("{\"v\":\"1\",\"type\":\"offer\",\"conn\":\"ab\",\"sdp\":\"v=0\\r\\n\"}");
    }

    @Test
    void acceptsWhitespaceUnknownMembersAndUnicodeEscapes() throws Exception {
        Signal s = Signal.decode(" { \"v\" : \"1\", \"extra\":\"x\", \"type\":\"bye\", \"conn\":\"\\u0041b\" } ");
        assertThat(s).isEqualTo(Signal.bye("Ab", ""));
    }

    @Test
    void refusesMalformedAndUnknownInput() {
        String[] bad = {"", "{", "[]", "{\"v\":1}", "{\"v\":\"1\",\"type\":\"offer\",\"conn\":\"c\"}",
                "{\"v\":\"2\",\"type\":\"bye\",\"conn\":\"c\"}", "{\"v\":\"1\",\"type\":\"hello\",\"conn\":\"c\"}",
                "{\"v\":\"1\",\"type\":\"bye\",\"conn\":\"\"}", "{\"v\":\"1\",\"v\":\"1\"}",
                "{\"v\":\"1\",\"type\":\"bye\",\"conn\":\"" + "x".repeat(65) + "\"}",
                "{\"v\":\"1\"} trailing", "{\"v\":\"\\q\"}", "{\"v\":\"\\u12\"}", "{\"v\":\"a\nb\"}",
                "{\"a\":{\"b\":\"c\"}}"};
        for (String b : bad) {
            assertThatThrownBy(() -> Signal.decode(b)).as(b).isInstanceOf(SignalFormatException.class);
        }
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            many.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":\"x\"");
        }
        assertThatThrownBy(() -> Signal.decode(many.append('}').toString())).isInstanceOf(SignalFormatException.class);
    }
}
