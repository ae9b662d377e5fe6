package dev.netcode.core.internal;

import dev.netcode.core.RegistrationFingerprint;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Netcode's framing inside one transport message. Every transport message starts with a type
 * byte; integers are big-endian; strings are UTF-8 with a length prefix.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x10  |  Kryo class id + object ...                    MESSAGE
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x11  |   Sequence (u16, wraps)       |  Kryo ...      SEQUENCED
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x01  |              Magic "NCD1" (4 bytes)           HELLO
 * |               | Protocol version (u16)        | AppId len (u8)|    (client to server,
 * |  AppId (UTF-8, 1..64) ...                                     |     reliable; the first
 * |  Registration hash (i64, FNV-1a 64, see RegistrationFingerprint)|   7 bytes never change
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+     between versions)
 * |  Type = 0x02  |  Connection id (i32)                          |  WELCOME
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x03  |  Count (u16)  | then Count x { id (i32),      |  REGISTRATIONS (only on
 * |               |  name len (u16), name (UTF-8) }  | Truncated (u8)   a hash mismatch)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x04  |  Reason (u8)  | Detail len (u16) | Detail ... |  GOODBYE (reliable)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x05  |  Probe sequence (i32) | Sender time (i64, ns) |  PING (unreliable)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x06  |  Probe sequence (i32) | Echoed time (i64, ns) |  PONG (unreliable)
 * |               |  Responder's inbound loss (u16, per mille)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Every decoder bounds what it reads and throws {@link MalformedMessageException}, never an
 * unchecked buffer exception, because the bytes come from a remote peer.
 */
public final class Wire {
    public static final byte HELLO = 0x01;
    public static final byte WELCOME = 0x02;
    public static final byte REGISTRATIONS = 0x03;
    public static final byte GOODBYE = 0x04;
    public static final byte PING = 0x05;
    public static final byte PONG = 0x06;
    public static final byte MESSAGE = 0x10;
    public static final byte SEQUENCED = 0x11;

    public static final int MAGIC = 0x4e434431; // "NCD1"
    public static final int MAX_DETAIL_BYTES = 1024;
    public static final int MAX_CLASS_NAME_BYTES = 1024;
    public static final int MAX_REGISTRATIONS = 65_535;

    private Wire() {}

    /** The decoded body of a HELLO. */
    public record Hello(int protocolVersion, String applicationId, long registrationHash) {}

    /** The decoded body of a GOODBYE. */
    public record Goodbye(int reasonCode, String detail) {}

    /** The decoded body of a PONG. */
    public record Pong(int sequence, long echoedNanos, int lossPermille) {}

    public static ByteBuffer hello(int protocolVersion, String applicationId, long registrationHash) {
        byte[] id = applicationId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 2 + 1 + id.length + 8);
        b.put(HELLO).putInt(MAGIC).putShort((short) protocolVersion).put((byte) id.length).put(id).putLong(registrationHash);
        return b.flip();
    }

    /** Decodes a HELLO body (after the type byte). Magic and version are read first, so any future HELLO still yields its version. */
    public static Hello readHello(ByteBuffer b) throws MalformedMessageException {
        try {
            if (b.getInt() != MAGIC) {
                throw new MalformedMessageException("HELLO without netcode magic");
            }
            int version = b.getShort() & 0xffff;
            int idLength = b.get() & 0xff;
            if (idLength > b.remaining()) {
                // A different version may lay out the rest differently; report what we know.
                return new Hello(version, "", 0);
            }
            String id = utf8(b, idLength);
            long hash = b.remaining() >= 8 ? b.getLong() : 0;
            return new Hello(version, id, hash);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated HELLO");
        }
    }

    public static ByteBuffer welcome(int connectionId) {
        return ByteBuffer.allocate(5).put(WELCOME).putInt(connectionId).flip();
    }

    public static int readWelcome(ByteBuffer b) throws MalformedMessageException {
        try {
            return b.getInt();
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated WELCOME");
        }
    }

    public static ByteBuffer goodbye(int reasonCode, String detail) {
        byte[] text = truncatedUtf8(detail == null ? "" : detail, MAX_DETAIL_BYTES);
        return ByteBuffer.allocate(1 + 1 + 2 + text.length)
                .put(GOODBYE).put((byte) reasonCode).putShort((short) text.length).put(text).flip();
    }

    public static Goodbye readGoodbye(ByteBuffer b) throws MalformedMessageException {
        try {
            int code = b.get() & 0xff;
            int length = b.getShort() & 0xffff;
            if (length > MAX_DETAIL_BYTES || length > b.remaining()) {
                throw new MalformedMessageException("GOODBYE detail length " + length + " out of bounds");
            }
            return new Goodbye(code, utf8(b, length));
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated GOODBYE");
        }
    }

    public static ByteBuffer ping(int sequence, long nowNanos) {
        return ByteBuffer.allocate(13).put(PING).putInt(sequence).putLong(nowNanos).flip();
    }

    /** Reads a PING body and returns the matching PONG, echoing the time unchanged. */
    public static ByteBuffer pongFor(ByteBuffer ping, int lossPermille, int[] sequenceOut) throws MalformedMessageException {
        try {
            int sequence = ping.getInt();
            long time = ping.getLong();
            sequenceOut[0] = sequence;
            return ByteBuffer.allocate(15).put(PONG).putInt(sequence).putLong(time)
                    .putShort((short) Math.max(0, Math.min(1000, lossPermille))).flip();
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated PING");
        }
    }

    public static Pong readPong(ByteBuffer b) throws MalformedMessageException {
        try {
            return new Pong(b.getInt(), b.getLong(), Math.min(1000, b.getShort() & 0xffff));
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated PONG");
        }
    }

    /** Encodes as many registrations as fit in {@code maxBytes}; the truncated flag says whether some were left out. */
    public static ByteBuffer registrations(RegistrationFingerprint fingerprint, int maxBytes) {
        List<byte[]> names = new ArrayList<>();
        int size = 1 + 2 + 1;
        for (RegistrationFingerprint.Entry e : fingerprint.entries()) {
            byte[] name = truncatedUtf8(e.className(), MAX_CLASS_NAME_BYTES);
            if (size + 6 + name.length > maxBytes || names.size() == MAX_REGISTRATIONS) {
                break;
            }
            size += 6 + name.length;
            names.add(name);
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(REGISTRATIONS).putShort((short) names.size());
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i);
            b.putInt(fingerprint.entries().get(i).id()).putShort((short) name.length).put(name);
        }
        b.put((byte) (names.size() < fingerprint.entries().size() ? 1 : 0));
        return b.flip();
    }

    public static RegistrationFingerprint readRegistrations(ByteBuffer b) throws MalformedMessageException {
        try {
            int count = b.getShort() & 0xffff;
            // Each entry needs at least 6 bytes: reject impossible counts before allocating.
            if (count * 6L > b.remaining()) {
                throw new MalformedMessageException("REGISTRATIONS count " + count + " exceeds the message");
            }
            List<RegistrationFingerprint.Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int id = b.getInt();
                int length = b.getShort() & 0xffff;
                if (length > MAX_CLASS_NAME_BYTES || length > b.remaining()) {
                    throw new MalformedMessageException("class name length " + length + " out of bounds");
                }
                entries.add(new RegistrationFingerprint.Entry(id, utf8(b, length)));
            }
            if (b.hasRemaining()) {
                b.get(); // truncated flag: informational
            }
            return new RegistrationFingerprint(entries);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated REGISTRATIONS");
        }
    }

    private static String utf8(ByteBuffer b, int length) throws MalformedMessageException {
        ByteBuffer slice = b.slice();
        slice.limit(length);
        b.position(b.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("invalid UTF-8");
        }
    }

    private static byte[] truncatedUtf8(String s, int maxBytes) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        // Cut on a character boundary so the peer's strict decoder accepts it.
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xc0) == 0x80) {
            end--;
        }
        byte[] out = new byte[end];
        System.arraycopy(bytes, 0, out, 0, end);
        return out;
    }
}
