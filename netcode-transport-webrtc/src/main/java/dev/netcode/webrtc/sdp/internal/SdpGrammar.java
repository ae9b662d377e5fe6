package dev.netcode.webrtc.sdp.internal;

import java.nio.charset.StandardCharsets;

/**
 * Character classes and value checks of the SDP grammar (RFC 8866 §9) and of the WebRTC
 * attributes it carries. Every check returns a reason string on failure and {@code null} when the
 * value is fine, so the parser can attach a line number and the model constructors can throw
 * {@link IllegalArgumentException} with the same words.
 *
 * <pre>
 *   token          = 1*(token-char)
 *   token-char     = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." /
 *                    "^" / "_" / "`" / "{" / "|" / "}" / "~"
 *   non-ws-string  = 1*(VCHAR / %x80-FF)
 *   byte-string    = 1*(%x01-09 / %x0B-0C / %x0E-FF)   ; anything but NUL, CR, LF
 *   ice-char       = ALPHA / DIGIT / "+" / "/"           ; RFC 8839 §5.4
 * </pre>
 */
public final class SdpGrammar {
    /** RFC 8839 §5.4: ice-ufrag 4..256 ice-chars, ice-pwd 22..256. */
    public static final int ICE_UFRAG_MIN = 4;
    public static final int ICE_PWD_MIN = 22;
    public static final int ICE_CREDENTIAL_MAX = 256;
    /** Enough for any long; more digits are rejected instead of overflowing. */
    private static final int MAX_LONG_DIGITS = 18;

    private SdpGrammar() {
    }

    public static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`{|}~".indexOf(c) >= 0;
    }

    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** VCHAR or any non-ASCII char: no space, no control character. */
    public static boolean isNonWsString(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A value that can be written on one SDP line: no NUL, CR or LF (may be empty). */
    public static String checkLineValue(String s) {
        if (s == null) {
            return "value is null";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0' || c == '\r' || c == '\n') {
                return "value contains a NUL, CR or LF character";
            }
        }
        return null;
    }

    public static boolean isDigits(String s, int maxDigits) {
        if (s == null || s.isEmpty() || s.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** 0..65535 written as 1*5DIGIT, or -1. */
    public static int parsePort(String s) {
        if (!isDigits(s, 5)) {
            return -1;
        }
        int v = Integer.parseInt(s);
        return v <= 0xffff ? v : -1;
    }

    /** A non-negative decimal that fits comfortably in a long, or -1. */
    public static long parseNonNegativeLong(String s) {
        return isDigits(s, MAX_LONG_DIGITS) ? Long.parseLong(s) : -1;
    }

    public static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Number of UTF-8 bytes {@code s} encodes to, without allocating. */
    public static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3; // a lone surrogate is written as '?' by String.getBytes, but count generously
            }
        }
        return n;
    }

    /** Splits on single spaces; returns null if any field is empty (double, leading or trailing space). */
    public static String[] splitSpaces(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int count = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ') {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 0;
        int k = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ' ') {
                if (i == start) {
                    return null;
                }
                out[k++] = s.substring(start, i);
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * Checks the value of an attribute whose grammar the WebRTC stack relies on; other attributes
     * are kept verbatim. Returns a reason or {@code null}.
     */
    public static String checkAttribute(String name, String value) {
        String v = checkLineValue(value == null ? "" : value);
        if (v != null) {
            return v;
        }
        switch (name) {
            case "ice-ufrag":
                return checkIceCredential(name, value, ICE_UFRAG_MIN);
            case "ice-pwd":
                return checkIceCredential(name, value, ICE_PWD_MIN);
            case "ice-options":
                return value == null || splitSpaces(value) == null ? "a=ice-options needs space-separated option tags" : null;
            case "setup":
                return value == null || !(value.equals("active") || value.equals("passive")
                        || value.equals("actpass") || value.equals("holdconn"))
                        ? "a=setup must be active, passive, actpass or holdconn" : null;
            case "mid":
                return isToken(value) ? null : "a=mid needs a token identification-tag";
            case "sctp-port":
                return parsePort(value) < 0 ? "a=sctp-port needs a port 0..65535" : null;
            case "max-message-size":
                return parseNonNegativeLong(value) < 0 ? "a=max-message-size needs a non-negative integer" : null;
            case "fingerprint":
                return checkFingerprint(value);
            case "group":
                return checkGroup(value);
            case "candidate":
                return value == null || value.isEmpty() ? "a=candidate needs a value" : null;
            default:
                return null;
        }
    }

    /** Attributes that may appear at most once per level (session or one media section). */
    public static boolean isSingleton(String name) {
        switch (name) {
            case "ice-ufrag":
            case "ice-pwd":
            case "ice-options":
            case "ice-lite":
            case "setup":
            case "mid":
            case "sctp-port":
            case "max-message-size":
            case "end-of-candidates":
                return true;
            default:
                return false;
        }
    }

    private static String checkIceCredential(String name, String value, int min) {
        if (value == null || value.length() < min || value.length() > ICE_CREDENTIAL_MAX || !isIceChars(value)) {
            return "a=" + name + " needs " + min + ".." + ICE_CREDENTIAL_MAX + " ice-chars (ALPHA / DIGIT / '+' / '/')";
        }
        return null;
    }

    // RFC 8122 §5: hash-func SP fingerprint; the hex itself is checked by the DTLS layer.
    private static String checkFingerprint(String value) {
        if (value == null) {
            return "a=fingerprint needs '<hash-func> <hex>'";
        }
        int sp = value.indexOf(' ');
        if (sp <= 0 || !isToken(value.substring(0, sp)) || sp == value.length() - 1) {
            return "a=fingerprint needs '<hash-func> <hex>'";
        }
        for (int i = sp + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == ':' || Character.digit(c, 16) >= 0 && c < 0x80)) {
                return "a=fingerprint hex may hold only hex digits and ':'";
            }
        }
        return null;
    }

    // RFC 5888 §5: group-attribute = "a=group:" semantics *(SP identification-tag)
    private static String checkGroup(String value) {
        String[] parts = value == null ? null : splitSpaces(value);
        if (parts == null) {
            return "a=group needs '<semantics> *(SP <mid>)'";
        }
        for (String p : parts) {
            if (!isToken(p)) {
                return "a=group has a non-token field '" + p + "'";
            }
        }
        return null;
    }

    /** UTF-8 bytes of {@code s}. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
