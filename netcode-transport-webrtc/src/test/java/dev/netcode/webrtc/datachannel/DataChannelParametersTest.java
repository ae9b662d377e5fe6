package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** W3C createDataChannel validation and the mapping to and from DATA_CHANNEL_OPEN. */
class DataChannelParametersTest {

    @Test
    void defaultsAreReliableOrderedLowPriority() {
        DataChannelParameters p = DataChannelParameters.DEFAULT;
        assertThat(p.ordered()).isTrue();
        assertThat(p.reliable()).isTrue();
        assertThat(p.negotiated()).isFalse();
        assertThat(p.id()).isNull();
        assertThat(p.priority()).isEqualTo(DataChannelPriority.LOW);
        assertThat(p.channelType()).isEqualTo(DataChannelType.RELIABLE);
        assertThat(p.toOpen("chat")).isEqualTo(new DataChannelOpen(DataChannelType.RELIABLE, 256, 0, "chat", ""));
    }

    @Test
    void w3cRulesAreTypeErrors() {
        assertThatThrownBy(() -> DataChannelParameters.builder().maxRetransmits(1).maxPacketLifeTimeMs(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> DataChannelParameters.builder().negotiated(true).build())
                .hasMessageContaining("needs an id");
        assertThatThrownBy(() -> DataChannelParameters.builder().negotiated(true).id(65535).build())
                .hasMessageContaining("0..65534");
        assertThatThrownBy(() -> DataChannelParameters.builder().negotiated(true).id(-1).build())
                .hasMessageContaining("0..65534");
        assertThatThrownBy(() -> DataChannelParameters.builder().maxRetransmits(65536).build())
                .hasMessageContaining("maxRetransmits");
        assertThatThrownBy(() -> DataChannelParameters.builder().maxPacketLifeTimeMs(-1).build())
                .hasMessageContaining("maxPacketLifeTime");
        assertThatThrownBy(() -> DataChannelParameters.builder().protocol("p".repeat(65536)).build())
                .hasMessageContaining("protocol");
        assertThatThrownBy(() -> DataChannelParameters.checkLabel("l".repeat(65536)))
                .hasMessageContaining("label");
        DataChannelParameters.checkLabel("l".repeat(65535));
    }

    @Test
    void idCountsOnlyForNegotiatedChannels() {
        DataChannelParameters announced = DataChannelParameters.builder().id(65535).build();
        assertThat(announced.id()).isNull();
        DataChannelParameters negotiated = DataChannelParameters.builder().negotiated(true).id(65534).build();
        assertThat(negotiated.id()).isEqualTo(65534);
    }

    @Test
    void gameChannelsMapToPartialReliability() {
        DataChannelParameters inputs = DataChannelParameters.builder().ordered(false).maxRetransmits(0).build();
        assertThat(inputs.channelType()).isEqualTo(DataChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED);
        DataChannelOpen open = inputs.toOpen("inputs");
        assertThat(open.reliabilityParameter()).isZero();
        assertThat(DataChannelParameters.fromOpen(open)).isEqualTo(inputs);

        DataChannelParameters timed = DataChannelParameters.builder().maxPacketLifeTimeMs(100).protocol("snap")
                .priority(DataChannelPriority.HIGH).build();
        DataChannelOpen timedOpen = timed.toOpen("snapshots");
        assertThat(timedOpen).isEqualTo(new DataChannelOpen(DataChannelType.PARTIAL_RELIABLE_TIMED, 1024, 100,
                "snapshots", "snap"));
        assertThat(DataChannelParameters.fromOpen(timedOpen)).isEqualTo(timed);
    }

    @Test
    void remoteValuesBeyondW3cRangesAreClampedAndMapped() {
        DataChannelOpen open = new DataChannelOpen(DataChannelType.PARTIAL_RELIABLE_REXMIT, 300, 100_000, "x", "");
        DataChannelParameters p = DataChannelParameters.fromOpen(open);
        assertThat(p.maxRetransmits()).isEqualTo(65535);
        assertThat(p.priority()).isEqualTo(DataChannelPriority.MEDIUM);
        assertThat(DataChannelPriority.fromWire(0)).isEqualTo(DataChannelPriority.VERY_LOW);
        assertThat(DataChannelPriority.fromWire(129)).isEqualTo(DataChannelPriority.LOW);
        assertThat(DataChannelPriority.fromWire(513)).isEqualTo(DataChannelPriority.HIGH);
        for (DataChannelPriority pr : DataChannelPriority.values()) {
            assertThat(DataChannelPriority.fromWire(pr.wireValue())).isEqualTo(pr);
        }
    }
}
