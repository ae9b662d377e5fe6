package dev.netcode.sample.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.internal.MalformedMessageException;
import dev.netcode.core.prediction.InputPacket;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Round trips of the arena messages and the limits their decoders enforce on hostile bytes. */
class ArenaCodecsTest {
    @Test
    void messagesRoundTrip() throws Exception {
        ArenaProtocol.Join join = (ArenaProtocol.Join) ArenaWireFixture.decode(
                ArenaWireFixture.encode(new ArenaProtocol.Join("Zoë 🎯", "tok.sig")));
        assertThat(join.name).isEqualTo("Zoë 🎯");
        assertThat(join.joinToken).isEqualTo("tok.sig");
        ArenaProtocol.Join anonymous = (ArenaProtocol.Join) ArenaWireFixture.decode(
                ArenaWireFixture.encode(new ArenaProtocol.Join(null, null)));
        assertThat(anonymous.name).isNull();
        assertThat(anonymous.joinToken).isNull();

        ArenaProtocol.Welcome welcome = (ArenaProtocol.Welcome) ArenaWireFixture.decode(
                ArenaWireFixture.encode(new ArenaProtocol.Welcome(15, "host-eu")));
        assertThat(welcome.playerId).isEqualTo(15);
        assertThat(welcome.hostName).isEqualTo("host-eu");

        ArenaProtocol.Roster roster = new ArenaProtocol.Roster();
        roster.ids = new int[] {3, 0};
        roster.names = new String[] {"c", "a"};
        ArenaProtocol.Roster r = (ArenaProtocol.Roster) ArenaWireFixture.decode(ArenaWireFixture.encode(roster));
        assertThat(r.ids).containsExactly(3, 0);
        assertThat(r.names).containsExactly("c", "a");

        ArenaProtocol.Shots shots = new ArenaProtocol.Shots();
        shots.tick = 1234;
        shots.players = new int[] {1, -1, 2, 1};
        shots.segments = new float[] {1, 2, 3, 4, 5, 6, 7, 8};
        ArenaProtocol.Shots s = (ArenaProtocol.Shots) ArenaWireFixture.decode(ArenaWireFixture.encode(shots));
        assertThat(s.tick).isEqualTo(1234);
        assertThat(s.players).containsExactly(1, -1, 2, 1);
        assertThat(s.segments).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

        PlayerInput in = new PlayerInput(77, (byte) -128, (byte) 127, (short) -5, true, (byte) 200);
        InputPacket p = (InputPacket) ArenaWireFixture.decode(
                ArenaWireFixture.encode(new InputPacket(9, 0, 77, new Object[] {in})));
        assertThat(p.inputs).containsExactly(in);
    }

    @Test
    void writersCleanWhatTheyAreGivenSoReadersAcceptIt() throws Exception {
        String longName = "\u0007  " + "x".repeat(40) + "\n";
        ArenaProtocol.Join join = (ArenaProtocol.Join) ArenaWireFixture.decode(
                ArenaWireFixture.encode(new ArenaProtocol.Join(longName, null)));
        assertThat(join.name).isEqualTo("x".repeat(ArenaProtocol.MAX_NAME_CHARS));
        // A surrogate pair straddling the limit is dropped whole.
        String emoji = "y".repeat(ArenaProtocol.MAX_NAME_CHARS - 1) + "🎯";
        ArenaProtocol.Join cut = (ArenaProtocol.Join) ArenaWireFixture.decode(
                ArenaWireFixture.encode(new ArenaProtocol.Join(emoji, null)));
        assertThat(cut.name).isEqualTo("y".repeat(ArenaProtocol.MAX_NAME_CHARS - 1));
    }

    @Test
    void overlongControlAndMalformedTextIsRefused() {
        assertRefused(ArenaProtocol.Join.class, text("n".repeat(ArenaProtocol.MAX_NAME_CHARS + 1)), nullText());
        assertRefused(ArenaProtocol.Join.class, text("bad\u0000name"), nullText());
        assertRefused(ArenaProtocol.Join.class, rawText(new byte[] {(byte) 0xC0, (byte) 0x80}), nullText());
        assertRefused(ArenaProtocol.Join.class, rawText(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), nullText());
        assertRefused(ArenaProtocol.Join.class, nullText(), text("t".repeat(ArenaProtocol.MAX_TOKEN_CHARS + 1)));
    }

    @Test
    void hugeLengthPrefixesFailBeforeAllocating() {
        Output o = new Output(16);
        o.writeVarInt(Integer.MAX_VALUE, true);
        assertRefused(ArenaProtocol.Join.class, o.toBytes());
        Output neg = new Output(16);
        neg.writeVarInt(-1, true);
        assertRefused(ArenaProtocol.Join.class, neg.toBytes());
        // A name that claims 72 bytes with 3 present.
        Output shortBody = new Output(16);
        shortBody.writeVarInt(73, true);
        shortBody.writeBytes("abc".getBytes(StandardCharsets.UTF_8));
        assertRefused(ArenaProtocol.Join.class, shortBody.toBytes());
    }

    @Test
    void countsAndIdsAreBounded() {
        Output roster = new Output(64);
        roster.writeVarInt(ArenaRules.MAX_PLAYERS + 1, true);
        assertRefused(ArenaProtocol.Roster.class, roster.toBytes());
        Output twice = new Output(64);
        twice.writeVarInt(2, true);
        twice.writeVarInt(4, true);
        twice.writeBytes(text("a"));
        twice.writeVarInt(4, true);
        twice.writeBytes(text("b"));
        assertRefused(ArenaProtocol.Roster.class, twice.toBytes());
        Output welcome = new Output(16);
        welcome.writeVarInt(ArenaRules.MAX_PLAYERS, true);
        welcome.writeBytes(nullText());
        assertRefused(ArenaProtocol.Welcome.class, welcome.toBytes());
        Output shots = new Output(16);
        shots.writeVarInt(1, true);
        shots.writeVarInt(ArenaRules.MAX_PLAYERS + 1, true);
        assertRefused(ArenaProtocol.Shots.class, shots.toBytes());
        Output nan = new Output(32);
        nan.writeVarInt(1, true);
        nan.writeVarInt(1, true);
        nan.writeByte(0);
        nan.writeByte(-1);
        nan.writeFloat(Float.NaN);
        nan.writeFloat(0);
        nan.writeFloat(0);
        nan.writeFloat(0);
        assertRefused(ArenaProtocol.Shots.class, nan.toBytes());
        Output tick = new Output(16);
        tick.writeVarInt(-5, true);
        tick.writeBytes(new byte[6]);
        assertRefused(PlayerInput.class, tick.toBytes());
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        int objectArrayId = MessageRegistry.FIRST_ID + ArenaWireFixture.REGISTRY.classes().indexOf(Object[].class);
        Output o = new Output(1024, -1);
        for (int i = 0; i < 100_000; i++) {
            o.writeVarInt(objectArrayId + 2, true); // class Object[]
            o.writeVarInt(2, true);                 // one element
        }
        byte[] message = o.toBytes();
        assertThatThrownBy(() -> ArenaWireFixture.decode(message)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void unregisteredClassIdsAreRefused() {
        Output o = new Output(16);
        o.writeVarInt(MessageRegistry.FIRST_ID + ArenaWireFixture.REGISTRY.classes().size() + 2, true);
        assertThatThrownBy(() -> ArenaWireFixture.decode(o.toBytes())).isInstanceOf(MalformedMessageException.class);
    }

    private static void assertRefused(Class<?> type, byte[]... bodyParts) {
        Output o = new Output(64, -1);
        for (byte[] part : bodyParts) {
            o.writeBytes(part);
        }
        byte[] body = o.toBytes();
        assertThatThrownBy(() -> ArenaWireFixture.decodeAs(type, body)).isInstanceOf(MalformedMessageException.class);
    }

    private static byte[] text(String s) {
        return rawText(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] rawText(byte[] utf8) {
        Output o = new Output(utf8.length + 5);
        o.writeVarInt(utf8.length + 1, true);
        o.writeBytes(utf8);
        return o.toBytes();
    }

    private static byte[] nullText() {
        return new byte[] {0};
    }
}
