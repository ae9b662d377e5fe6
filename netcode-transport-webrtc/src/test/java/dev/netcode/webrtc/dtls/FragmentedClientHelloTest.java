package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server recognises a ClientHello split over records (Chromium's is), which DTLSVerifier cannot cookie-check. */
class FragmentedClientHelloTest {
    private static byte[] handshakeRecord(int msgType, int length, int fragmentOffset, int fragmentLength) {
        byte[] d = new byte[25 + fragmentLength];
        d[0] = 22;
        d[1] = (byte) 254;
        d[2] = (byte) 253;
        d[13] = (byte) msgType;
        put24(d, 14, length);
        put24(d, 19, fragmentOffset);
        put24(d, 22, fragmentLength);
        return d;
    }

    private static void put24(byte[] d, int at, int v) {
        d[at] = (byte) (v >>> 16);
        d[at + 1] = (byte) (v >>> 8);
        d[at + 2] = (byte) v;
    }

    @Test
    void firstAndLaterFragmentsAreFragmentedWholeMessagesAreNot() {
        byte[] first = handshakeRecord(1, 1400, 0, 1163);
        byte[] second = handshakeRecord(1, 1400, 1163, 237);
        byte[] whole = handshakeRecord(1, 300, 0, 300);
        byte[] serverHello = handshakeRecord(2, 1400, 0, 100);
        assertThat(DtlsEndpoint.isFragmentedClientHello(first, first.length)).isTrue();
        assertThat(DtlsEndpoint.isFragmentedClientHello(second, second.length)).isTrue();
        assertThat(DtlsEndpoint.isFragmentedClientHello(whole, whole.length)).isFalse();
        assertThat(DtlsEndpoint.isFragmentedClientHello(serverHello, serverHello.length)).isFalse();
        assertThat(DtlsEndpoint.isFragmentedClientHello(new byte[10], 10)).isFalse();
    }
}
