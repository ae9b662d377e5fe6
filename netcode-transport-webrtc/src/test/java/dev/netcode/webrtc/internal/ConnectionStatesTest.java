package dev.netcode.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.PeerConnectionState;
import dev.netcode.webrtc.dtls.DtlsState;
import dev.netcode.webrtc.ice.IceConnectionState;
import org.junit.jupiter.api.Test;

class ConnectionStatesTest {
    @Test
    void followsTheW3cOrderOfPrecedence() {
        assertThat(ConnectionStates.aggregate(true, IceConnectionState.CONNECTED, DtlsState.CONNECTED)).isEqualTo(PeerConnectionState.CLOSED);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.NEW, null)).isEqualTo(PeerConnectionState.NEW);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.NEW, DtlsState.NEW)).isEqualTo(PeerConnectionState.NEW);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.CHECKING, DtlsState.NEW)).isEqualTo(PeerConnectionState.CONNECTING);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.CONNECTED, DtlsState.CONNECTING)).isEqualTo(PeerConnectionState.CONNECTING);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.CONNECTED, DtlsState.CONNECTED)).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.COMPLETED, DtlsState.CONNECTED)).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.DISCONNECTED, DtlsState.CONNECTED)).isEqualTo(PeerConnectionState.DISCONNECTED);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.CONNECTED, DtlsState.CLOSED)).isEqualTo(PeerConnectionState.DISCONNECTED);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.FAILED, DtlsState.CONNECTED)).isEqualTo(PeerConnectionState.FAILED);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.CONNECTED, DtlsState.FAILED)).isEqualTo(PeerConnectionState.FAILED);
        assertThat(ConnectionStates.aggregate(false, IceConnectionState.DISCONNECTED, DtlsState.FAILED)).isEqualTo(PeerConnectionState.FAILED);
    }
}
