package dev.netcode.core.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;

/**
 * One thread's Kryo plus the buffers it reuses, so that serializing a message after warm-up
 * allocates nothing: the {@link Output} array and the {@link ByteBuffer} view over it are kept and
 * only replaced when a bigger message made the array grow.
 *
 * <p>Never share an instance between threads ({@code MessageRegistry} hands out one per thread).
 */
public final class KryoCodec {
    private static final int INITIAL_BUFFER_BYTES = 1024;
    /** Hard cap of the output array; the transport's own limit is checked by the caller. */
    private static final int MAX_BUFFER_BYTES = 16 * 1024 * 1024;

    private final Kryo kryo;
    private final Output output = new Output(INITIAL_BUFFER_BYTES, MAX_BUFFER_BYTES);
    private final Input input = new BoundedInput();
    private ByteBuffer outputView = ByteBuffer.wrap(output.getBuffer());
    private byte[] inputArray = new byte[INITIAL_BUFFER_BYTES];

    public KryoCodec(Kryo kryo) {
        this.kryo = kryo;
    }

    public Kryo kryo() {
        return kryo;
    }

    /** Starts a new outgoing message: the caller writes its header into the returned Output, then calls {@link #writeMessage}. */
    public Output beginWrite() {
        output.reset();
        return output;
    }

    public void writeMessage(Object message) {
        kryo.writeClassAndObject(output, message);
    }

    /** The bytes written since {@link #beginWrite()}, as a reused view valid until the next write. */
    public ByteBuffer written() {
        byte[] buffer = output.getBuffer();
        if (outputView.array() != buffer) {
            outputView = ByteBuffer.wrap(buffer);
        }
        outputView.limit(output.position()).position(0);
        return outputView;
    }

    /**
     * Reads one application message from remote bytes: any failure of Kryo or a serializer becomes
     * a {@link MalformedMessageException}, and a null message is refused.
     */
    public Object readRemoteMessage(ByteBuffer message) throws MalformedMessageException {
        Object decoded;
        try {
            decoded = readMessage(message);
        } catch (RuntimeException e) {
            // Kryo and user serializers throw assorted runtime exceptions on hostile bytes.
            throw new MalformedMessageException("undecodable message: " + e);
        }
        if (decoded == null) {
            throw new MalformedMessageException("null message");
        }
        return decoded;
    }

    /**
     * Reads one object from the buffer's remaining bytes.
     *
     * @throws KryoException (or another runtime exception from a serializer) if the bytes are not a
     *     valid message; callers treat any of them as a protocol error of the peer
     */
    public Object readMessage(ByteBuffer message) {
        int size = message.remaining();
        byte[] bytes;
        int offset;
        if (message.hasArray()) {
            bytes = message.array();
            offset = message.arrayOffset() + message.position();
        } else {
            if (inputArray.length < size) {
                inputArray = new byte[Math.max(size, inputArray.length * 2)];
            }
            message.duplicate().get(inputArray, 0, size);
            bytes = inputArray;
            offset = 0;
        }
        input.setBuffer(bytes, offset, size);
        Object result = kryo.readClassAndObject(input);
        if (input.position() != offset + size) {
            throw new KryoException("message has " + (offset + size - input.position()) + " trailing bytes");
        }
        input.setBuffer(inputArray, 0, 0); // do not keep a reference to the transport's buffer
        return result;
    }
}
