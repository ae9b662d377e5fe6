package dev.netcode.sample.net;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerInput;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The Kryo serializers of the arena's own messages. Every length, count, id and number a remote
 * peer sends is checked while reading, before anything is allocated for it, and a violation is a
 * {@link KryoException}, which core turns into its typed {@code MalformedMessageException} (the
 * peer is then disconnected as malformed). Writers normalize (clip, clean) what they are given, so
 * an honest peer never writes what the other side refuses.
 *
 * <h2>Wire formats (Kryo bodies, after the class id)</h2>
 * <pre>
 * text      = varint(utf8Bytes + 1) utf8     0 = null; strict UTF-8, no control characters,
 *                                            at most the field's character limit
 * Join      = text(name ≤ 24) text(token ≤ 2048)
 * Welcome   = varint(playerId 0..15) text(hostName ≤ 64)
 * Roster    = varint(count 0..16) count × ( varint(id 0..15, distinct) text(name ≤ 24, not null) )
 * Shots     = varint(tick 0..2^30) varint(count 0..16)
 *             count × ( byte(shooter 0..15) byte(hit -1..15) float(fromX) float(fromY) float(toX) float(toY) )
 *             every coordinate finite and within ±{@value #MAX_COORDINATE}
 * PlayerInput = varint(tick 0..2^30) byte(moveX) byte(moveY) short(aim) bool(fire) byte(viewDelay)
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Serializers are shared by every thread's Kryo: they hold no state.</li>
 *   <li>A name with control characters or over the limit is refused on reading, not repaired: use
 *       {@link #cleanText} before showing a name from elsewhere.</li>
 * </ul>
 */
final class ArenaCodecs {
    /** Largest |coordinate| a shot segment may carry: the arena plus the shot range, with room to spare. */
    static final float MAX_COORDINATE = 4096f;
    /** UTF-8 needs at most 3 bytes per UTF-16 char (a 4-byte sequence is 2 chars). */
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    private ArenaCodecs() {}

    // ---------------------------------------------------------------- text

    /**
     * What a writer sends for a text field: control characters removed, surrounding blanks
     * stripped, cut to {@code maxChars} without splitting a surrogate pair; null stays null.
     */
    static String cleanText(String s, int maxChars) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars + 1));
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c)) {
                b.append(c);
            }
        }
        String stripped = b.toString().strip();
        if (stripped.length() <= maxChars) {
            return stripped;
        }
        int end = Character.isHighSurrogate(stripped.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return stripped.substring(0, end);
    }

    static void writeText(Output out, String s, int maxChars) {
        String clean = cleanText(s, maxChars);
        if (clean == null) {
            out.writeVarInt(0, true);
            return;
        }
        byte[] utf8 = clean.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(utf8.length + 1, true);
        out.writeBytes(utf8);
    }

    static String readText(Input in, int maxChars) {
        int prefix = in.readVarInt(true);
        if (prefix == 0) {
            return null;
        }
        int bytes = prefix - 1;
        if (prefix < 0 || bytes > maxChars * MAX_UTF8_BYTES_PER_CHAR || bytes > remaining(in)) {
            throw new KryoException("text of " + Integer.toUnsignedString(bytes) + " bytes; at most "
                    + maxChars + " characters allowed");
        }
        byte[] utf8 = in.readBytes(bytes);
        String s;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
            s = chars.toString();
        } catch (CharacterCodingException e) {
            throw new KryoException("text is not valid UTF-8");
        }
        if (s.length() > maxChars) {
            throw new KryoException("text of " + s.length() + " characters; at most " + maxChars + " allowed");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw new KryoException("control character in text");
            }
        }
        return s;
    }

    private static int remaining(Input in) {
        return in.limit() - in.position();
    }

    private static int readBounded(Input in, String what, int min, int max) {
        int v = in.readVarInt(true);
        if (v < min || v > max) {
            throw new KryoException(what + " " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    private static void checkPlayerId(int id, String what) {
        if (id < 0 || id >= ArenaRules.MAX_PLAYERS) {
            throw new IllegalArgumentException(what + " " + id + " is not a player id");
        }
    }

    // ---------------------------------------------------------------- messages

    static final class JoinCodec extends Serializer<ArenaProtocol.Join> {
        @Override
        public void write(Kryo kryo, Output out, ArenaProtocol.Join join) {
            writeText(out, join.name, ArenaProtocol.MAX_NAME_CHARS);
            writeText(out, join.joinToken, ArenaProtocol.MAX_TOKEN_CHARS);
        }

        @Override
        public ArenaProtocol.Join read(Kryo kryo, Input in, Class<? extends ArenaProtocol.Join> type) {
            String name = readText(in, ArenaProtocol.MAX_NAME_CHARS);
            String token = readText(in, ArenaProtocol.MAX_TOKEN_CHARS);
            return new ArenaProtocol.Join(name, token);
        }
    }

    static final class WelcomeCodec extends Serializer<ArenaProtocol.Welcome> {
        @Override
        public void write(Kryo kryo, Output out, ArenaProtocol.Welcome w) {
            checkPlayerId(w.playerId, "welcome");
            out.writeVarInt(w.playerId, true);
            writeText(out, w.hostName, ArenaProtocol.MAX_HOST_NAME_CHARS);
        }

        @Override
        public ArenaProtocol.Welcome read(Kryo kryo, Input in, Class<? extends ArenaProtocol.Welcome> type) {
            int id = readBounded(in, "player id", 0, ArenaRules.MAX_PLAYERS - 1);
            return new ArenaProtocol.Welcome(id, readText(in, ArenaProtocol.MAX_HOST_NAME_CHARS));
        }
    }

    static final class RosterCodec extends Serializer<ArenaProtocol.Roster> {
        @Override
        public void write(Kryo kryo, Output out, ArenaProtocol.Roster r) {
            int n = r.ids == null ? 0 : r.ids.length;
            if (n > ArenaRules.MAX_PLAYERS || (r.names == null ? 0 : r.names.length) != n) {
                throw new IllegalArgumentException("roster of " + n + " ids and "
                        + (r.names == null ? 0 : r.names.length) + " names");
            }
            out.writeVarInt(n, true);
            for (int i = 0; i < n; i++) {
                checkPlayerId(r.ids[i], "roster id");
                out.writeVarInt(r.ids[i], true);
                writeText(out, r.names[i] == null ? "" : r.names[i], ArenaProtocol.MAX_NAME_CHARS);
            }
        }

        @Override
        public ArenaProtocol.Roster read(Kryo kryo, Input in, Class<? extends ArenaProtocol.Roster> type) {
            int n = readBounded(in, "roster size", 0, ArenaRules.MAX_PLAYERS);
            ArenaProtocol.Roster r = new ArenaProtocol.Roster();
            r.ids = new int[n];
            r.names = new String[n];
            int seen = 0;
            for (int i = 0; i < n; i++) {
                int id = readBounded(in, "roster id", 0, ArenaRules.MAX_PLAYERS - 1);
                if ((seen & (1 << id)) != 0) {
                    throw new KryoException("roster lists player " + id + " twice");
                }
                seen |= 1 << id;
                String name = readText(in, ArenaProtocol.MAX_NAME_CHARS);
                if (name == null) {
                    throw new KryoException("roster entry without a name");
                }
                r.ids[i] = id;
                r.names[i] = name;
            }
            return r;
        }
    }

    static final class ShotsCodec extends Serializer<ArenaProtocol.Shots> {
        @Override
        public void write(Kryo kryo, Output out, ArenaProtocol.Shots s) {
            int n = s.players == null ? 0 : s.players.length / 2;
            if (n > ArenaRules.MAX_PLAYERS || s.players != null && s.players.length != 2 * n
                    || (s.segments == null ? 0 : s.segments.length) != 4 * n) {
                throw new IllegalArgumentException("shots need 2 player ids and 4 coordinates each, at most "
                        + ArenaRules.MAX_PLAYERS);
            }
            if (s.tick < 0 || s.tick > InputBuffer.MAX_TICK) {
                throw new IllegalArgumentException("tick " + s.tick);
            }
            out.writeVarInt(s.tick, true);
            out.writeVarInt(n, true);
            for (int i = 0; i < n; i++) {
                checkPlayerId(s.players[2 * i], "shooter");
                int hit = s.players[2 * i + 1];
                if (hit != -1) {
                    checkPlayerId(hit, "hit");
                }
                out.writeByte(s.players[2 * i]);
                out.writeByte(hit);
                for (int k = 0; k < 4; k++) {
                    out.writeFloat(clampCoordinate(s.segments[4 * i + k]));
                }
            }
        }

        private static float clampCoordinate(float v) {
            return Float.isNaN(v) ? 0f : Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, v));
        }

        @Override
        public ArenaProtocol.Shots read(Kryo kryo, Input in, Class<? extends ArenaProtocol.Shots> type) {
            ArenaProtocol.Shots s = new ArenaProtocol.Shots();
            s.tick = readBounded(in, "tick", 0, InputBuffer.MAX_TICK);
            int n = readBounded(in, "shot count", 0, ArenaRules.MAX_PLAYERS);
            s.players = new int[2 * n];
            s.segments = new float[4 * n];
            for (int i = 0; i < n; i++) {
                int shooter = in.readByte();
                int hit = in.readByte();
                if (shooter < 0 || shooter >= ArenaRules.MAX_PLAYERS || hit < -1 || hit >= ArenaRules.MAX_PLAYERS) {
                    throw new KryoException("shot by " + shooter + " hitting " + hit);
                }
                s.players[2 * i] = shooter;
                s.players[2 * i + 1] = hit;
                for (int k = 0; k < 4; k++) {
                    float v = in.readFloat();
                    if (!(Math.abs(v) <= MAX_COORDINATE)) {
                        throw new KryoException("shot coordinate " + v);
                    }
                    s.segments[4 * i + k] = v;
                }
            }
            return s;
        }
    }

    /**
     * {@link PlayerInput} in 10 bytes at most. Every value of the byte fields is valid
     * ({@link PlayerInput} accepts them all); only the tick is checked.
     */
    static final class PlayerInputCodec extends Serializer<PlayerInput> {
        PlayerInputCodec() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output out, PlayerInput in) {
            out.writeVarInt(in.tick(), true);
            out.writeByte(in.moveX());
            out.writeByte(in.moveY());
            out.writeShort(in.aim());
            out.writeBoolean(in.fire());
            out.writeByte(in.viewDelayTicks());
        }

        @Override
        public PlayerInput read(Kryo kryo, Input in, Class<? extends PlayerInput> type) {
            int tick = readBounded(in, "input tick", 0, InputBuffer.MAX_TICK);
            byte moveX = in.readByte();
            byte moveY = in.readByte();
            short aim = in.readShort();
            boolean fire = in.readBoolean();
            byte delay = in.readByte();
            return new PlayerInput(tick, moveX, moveY, aim, fire, delay);
        }
    }
}
