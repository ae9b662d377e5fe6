package dev.netcode.webrtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** RFC 8832 §6: DTLS client even ids, server odd ids; reuse after release; bounded by the stream count. */
class StreamIdAllocatorTest {

    @Test
    void dtlsClientUsesEvenAndServerOddIds() {
        StreamIdAllocator client = StreamIdAllocator.forDtlsRole(true, 65535);
        StreamIdAllocator server = StreamIdAllocator.forDtlsRole(false, 65535);
        assertThat(new int[] {client.allocate().getAsInt(), client.allocate().getAsInt(), client.allocate().getAsInt()})
                .containsExactly(0, 2, 4);
        assertThat(new int[] {server.allocate().getAsInt(), server.allocate().getAsInt()}).containsExactly(1, 3);
        assertThat(client.isLocalParity(6)).isTrue();
        assertThat(client.isLocalParity(7)).isFalse();
        assertThat(server.isLocalParity(7)).isTrue();
        assertThat(client.maxId()).isEqualTo(65534);
    }

    @Test
    void reservedAndRemoteIdsAreSkippedAndReleasedIdsReused() {
        StreamIdAllocator ids = StreamIdAllocator.forDtlsRole(true, 65535);
        assertThat(ids.reserve(0)).isTrue();         // a negotiated channel on id 0
        assertThat(ids.reserve(0)).isFalse();        // a second use is refused
        assertThat(ids.reserve(1)).isTrue();         // the peer opened stream 1
        assertThat(ids.allocate()).hasValue(2);
        assertThat(ids.allocate()).hasValue(4);
        assertThat(ids.inUseCount()).isEqualTo(4);
        assertThat(ids.release(2)).isTrue();
        assertThat(ids.release(2)).isFalse();
        assertThat(ids.isInUse(2)).isFalse();
        assertThat(ids.allocate()).hasValue(2);      // lowest free id first, as browsers do
        assertThat(ids.reserve(65535)).isFalse();    // reserved by RFC 8831 §6
        assertThat(ids.reserve(-1)).isFalse();
        assertThat(ids.release(70000)).isFalse();
    }

    @Test
    void exhaustionIsReportedNotThrown() {
        StreamIdAllocator ids = StreamIdAllocator.forDtlsRole(false, 6); // ids 0..5: odd ones are 1, 3, 5
        assertThat(ids.allocate()).hasValue(1);
        assertThat(ids.allocate()).hasValue(3);
        assertThat(ids.allocate()).hasValue(5);
        assertThat(ids.allocate()).isEqualTo(OptionalInt.empty());
        assertThat(ids.reserve(6)).isFalse();
        assertThat(ids.release(3)).isTrue();
        assertThat(ids.allocate()).hasValue(3);
        assertThatThrownBy(() -> StreamIdAllocator.forDtlsRole(true, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allHalfOfTheIdSpaceCanBeAllocated() {
        StreamIdAllocator ids = StreamIdAllocator.forDtlsRole(true, 65535);
        int count = 0;
        int last = -2;
        for (OptionalInt id = ids.allocate(); id.isPresent(); id = ids.allocate()) {
            assertThat(id.getAsInt()).isEqualTo(last + 2);
            last = id.getAsInt();
            count++;
        }
        assertThat(count).isEqualTo(32768); // 0, 2, ..., 65534
        assertThat(last).isEqualTo(65534);
    }
}
