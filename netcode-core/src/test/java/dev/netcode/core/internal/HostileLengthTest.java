package dev.netcode.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.testing.TestMessages;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Length prefixes from a peer are bounded by the message before Kryo allocates anything. */
class HostileLengthTest {
    private final MessageRegistry registry = TestMessages.registry();
    private final KryoCodec codec = registry.codecForCurrentThread();

    private ByteBuffer hostile(int classId, int... varints) {
        Output out = new Output(64);
        out.writeVarInt(classId + 2, true); // Kryo writes registered class ids + 2
        for (int v : varints) {
            out.writeVarInt(v, true);
        }
        return ByteBuffer.wrap(out.toBytes());
    }

    @Test
    void hugeByteArrayLengthIsRefused() {
        int byteArrayId = MessageRegistry.FIRST_ID + registry.classes().indexOf(byte[].class);
        assertThatThrownBy(() -> codec.readRemoteMessage(hostile(byteArrayId, Integer.MAX_VALUE)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("exceeds");
    }

    @Test
    void hugeCollectionAndObjectArraySizesAreRefused() {
        int listId = MessageRegistry.FIRST_ID + registry.classes().indexOf(ArrayList.class);
        assertThatThrownBy(() -> codec.readRemoteMessage(hostile(listId, Integer.MAX_VALUE - 1)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("exceeds");
        int arrayId = MessageRegistry.FIRST_ID + registry.classes().indexOf(String[].class);
        assertThatThrownBy(() -> codec.readRemoteMessage(hostile(arrayId, Integer.MAX_VALUE - 1)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("exceeds");
    }

    @Test
    void negativeLengthPrefixesDoNotWrapAround() {
        // Found by Jazzer: a 5-byte varint of 0x80000000 minus Kryo's one became Integer.MAX_VALUE.
        int arrayId = MessageRegistry.FIRST_ID + registry.classes().indexOf(String[].class);
        assertThatThrownBy(() -> codec.readRemoteMessage(hostile(arrayId, Integer.MIN_VALUE)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("negative");
    }

    @Test
    void validContainersStillRoundTrip() throws Exception {
        List<Object> values = new ArrayList<>(List.of("a", "ünïcödé"));
        for (Object message : List.of(values, new String[] {"x", "y"}, new byte[] {1, 2, 3},
                new TestMessages.Text("héllo wörld"))) {
            codec.beginWrite();
            codec.writeMessage(message);
            ByteBuffer bytes = codec.written();
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
            assertThat(codec.readRemoteMessage(copy)).usingRecursiveComparison().isEqualTo(message);
        }
    }
}
