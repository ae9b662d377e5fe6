package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 8842 §5 / RFC 4145 §4 mapping from a=setup to the DTLS role. */
class DtlsRoleTest {

    @Test
    void remoteSetupDecidesOurRole() {
        assertThat(DtlsRole.fromRemoteSetup("active", DtlsRole.CLIENT)).isEqualTo(DtlsRole.SERVER);
        assertThat(DtlsRole.fromRemoteSetup("passive", DtlsRole.SERVER)).isEqualTo(DtlsRole.CLIENT);
        assertThat(DtlsRole.fromRemoteSetup("ACTPASS", DtlsRole.CLIENT)).isEqualTo(DtlsRole.CLIENT);
        assertThat(DtlsRole.fromRemoteSetup("actpass", DtlsRole.SERVER)).isEqualTo(DtlsRole.SERVER);
    }

    @Test
    void answerSetupValues() {
        assertThat(DtlsRole.CLIENT.setupValue()).isEqualTo("active");
        assertThat(DtlsRole.SERVER.setupValue()).isEqualTo("passive");
        assertThat(DtlsRole.CLIENT.opposite()).isEqualTo(DtlsRole.SERVER);
        assertThat(DtlsConfig.defaults().actpassAnswerRole()).isEqualTo(DtlsRole.CLIENT);
    }

    @Test
    void holdconnAndUnknownValuesAreRejected() {
        assertThatThrownBy(() -> DtlsRole.fromRemoteSetup("holdconn", DtlsRole.CLIENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdconn");
        assertThatThrownBy(() -> DtlsRole.fromRemoteSetup("", DtlsRole.CLIENT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
