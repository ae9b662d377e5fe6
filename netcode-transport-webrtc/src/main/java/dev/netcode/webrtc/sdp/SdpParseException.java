package dev.netcode.webrtc.sdp;

/**
 * A session description is malformed or exceeds a {@link SdpLimits} bound.
 *
 * <p>The message names the 1-based line number and the offending line (shortened to
 * {@value #MAX_QUOTED_CHARS} characters, control characters escaped), e.g.
 * {@code line 9: bad m= port 'x' in "m=application x UDP/DTLS/SCTP webrtc-datachannel"}.
 * Errors that concern the whole description (too large, a required line missing) carry line
 * number 0.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #line()} is remote input: escape it before showing it in HTML or logs that are
 *       parsed by machines. {@link #getMessage()} is already escaped.</li>
 * </ul>
 */
public final class SdpParseException extends SdpException {
    private static final long serialVersionUID = 1L;
    /** Lines quoted in messages are cut to this many characters so a huge line cannot bloat logs. */
    public static final int MAX_QUOTED_CHARS = 200;

    private final int lineNumber;
    private final String line;

    /** An error located at {@code lineNumber} (1-based; 0 for the whole description). */
    public SdpParseException(int lineNumber, String line, String reason) {
        super(format(lineNumber, line, reason));
        this.lineNumber = lineNumber;
        this.line = line == null ? "" : line;
    }

    /** An error about the description as a whole (size, a missing required line). */
    public SdpParseException(String reason) {
        this(0, null, reason);
    }

    /** 1-based number of the offending line, counting every line terminator; 0 if not about one line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line without its terminator (raw, unescaped), or "" if not about one line. */
    public String line() {
        return line;
    }

    private static String format(int lineNumber, String line, String reason) {
        if (lineNumber <= 0) {
            return reason;
        }
        return "line " + lineNumber + ": " + reason + " in \"" + quote(line) + "\"";
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_QUOTED_CHARS) + 8);
        int n = Math.min(s.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("...(").append(s.length()).append(" chars)");
        }
        return sb.toString();
    }
}
