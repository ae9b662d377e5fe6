package dev.netcode.webrtc.testing;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * One DataChannel message received in the browser: either a string message (PPID 51/56) or a
 * binary one (PPID 53/57).
 */
public final class BrowserMessage {

    private final String text;
    private final byte[] data;

    private BrowserMessage(String text, byte[] data) {
        this.text = text;
        this.data = data;
    }

    public static BrowserMessage text(String text) {
        return new BrowserMessage(text, null);
    }

    public static BrowserMessage binary(byte[] data) {
        return new BrowserMessage(null, data.clone());
    }

    public boolean isBinary() {
        return data != null;
    }

    /** The string payload; throws for a binary message. */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("binary message of " + data.length + " bytes has no text");
        }
        return text;
    }

    /** The binary payload (a copy); throws for a string message. */
    public byte[] data() {
        if (data == null) {
            throw new IllegalStateException("string message has no binary payload");
        }
        return data.clone();
    }

    /** Payload size: UTF-16 code units for strings (as JS counts them), bytes for binary. */
    public int size() {
        return data != null ? data.length : text.length();
    }

    static BrowserMessage fromJs(Object value) {
        Map<?, ?> map = (Map<?, ?>) value;
        if (Boolean.TRUE.equals(map.get("binary"))) {
            return new BrowserMessage(null, Base64.getDecoder().decode((String) map.get("base64")));
        }
        return new BrowserMessage((String) map.get("text"), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrowserMessage other && java.util.Objects.equals(text, other.text)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(text) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data != null) {
            return "binary[" + data.length + " bytes]";
        }
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return "text[" + text.length() + ": " + shown + "]";
    }
}
