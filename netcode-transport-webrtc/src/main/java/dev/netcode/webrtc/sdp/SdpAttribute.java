package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;
import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 §5.13), kept verbatim so unknown attributes round-trip:
 *
 * <pre>
 *   attribute-fields = *("a=" attribute CRLF)
 *   attribute        = (attribute-name ":" attribute-value) / attribute-name
 *   attribute-name   = token
 *   attribute-value  = byte-string
 * </pre>
 *
 * A property attribute ({@code a=end-of-candidates}) has a {@code null} value; a value attribute
 * ({@code a=mid:0}) has the text after the first colon, exactly as written: {@code a=msid-semantic: WMS}
 * has the value {@code " WMS"} with its leading space, so it serializes back byte for byte.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code a=foo:} (empty value) and {@code a=foo} (no value) are different attributes.</li>
 *   <li>Attribute names are case-sensitive here; browsers write them in lower case.</li>
 *   <li>The values of the attributes WebRTC relies on ({@code ice-ufrag}, {@code ice-pwd},
 *       {@code setup}, {@code mid}, {@code sctp-port}, {@code max-message-size}, {@code fingerprint},
 *       {@code group}, ...) are checked; all others only for NUL/CR/LF.</li>
 * </ul>
 *
 * @param name  the attribute name, a token
 * @param value the attribute value, or {@code null} for a property attribute
 */
public record SdpAttribute(String name, String value) {

    public SdpAttribute {
        if (!SdpGrammar.isToken(name)) {
            throw new IllegalArgumentException("attribute name must be a token, got '" + name + "'");
        }
        String reason = SdpGrammar.checkAttribute(name, value);
        if (reason != null) {
            throw new IllegalArgumentException(reason + ": '" + value + "'");
        }
    }

    /** A property attribute such as {@code a=end-of-candidates}. */
    public static SdpAttribute flag(String name) {
        return new SdpAttribute(name, null);
    }

    /** A value attribute such as {@code a=mid:0}. */
    public static SdpAttribute of(String name, String value) {
        return new SdpAttribute(name, Objects.requireNonNull(value, "value"));
    }

    /**
     * Parses one attribute as it appears on a line ({@code a=candidate:...}) or as JSEP passes a
     * trickled candidate around ({@code candidate:...}, RFC 8839 §5.1): the
     * {@code a=} prefix is optional; a trailing CRLF or LF is tolerated.
     *
     * @throws SdpParseException on line 1 when the text is not a valid attribute
     */
    public static SdpAttribute parse(String text) throws SdpParseException {
        if (text == null) {
            throw new SdpParseException("attribute text is null");
        }
        String line = text;
        if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.length() > SdpLimits.DEFAULT.maxLineLengthBytes()) {
            throw new SdpParseException(1, line, "attribute longer than " + SdpLimits.DEFAULT.maxLineLengthBytes());
        }
        String body = line.startsWith("a=") ? line.substring(2) : line;
        return parseBody(body, 1, line);
    }

    /** Parses what follows {@code a=}; errors name {@code lineNumber} and {@code line}. */
    static SdpAttribute parseBody(String body, int lineNumber, String line) throws SdpParseException {
        int colon = body.indexOf(':');
        String name = colon < 0 ? body : body.substring(0, colon);
        String value = colon < 0 ? null : body.substring(colon + 1);
        if (!SdpGrammar.isToken(name)) {
            throw new SdpParseException(lineNumber, line, "attribute name must be a token");
        }
        String reason = SdpGrammar.checkAttribute(name, value);
        if (reason != null) {
            throw new SdpParseException(lineNumber, line, reason);
        }
        return new SdpAttribute(name, value);
    }

    /** True for {@code a=name} without a value. */
    public boolean isFlag() {
        return value == null;
    }

    /** The line without terminator: {@code a=name} or {@code a=name:value}. */
    public String toLine() {
        return value == null ? "a=" + name : "a=" + name + ':' + value;
    }

    @Override
    public String toString() {
        return toLine();
    }
}
