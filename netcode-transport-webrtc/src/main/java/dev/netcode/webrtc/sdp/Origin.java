package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;

/**
 * The {@code o=} line (RFC 8866 §5.2):
 *
 * <pre>
 *   origin-field = "o=" username SP sess-id SP sess-version SP nettype SP addrtype SP unicast-address CRLF
 *   sess-id      = 1*DIGIT
 *   sess-version = 1*DIGIT
 * </pre>
 *
 * JSEP (RFC 8829 §5.2.1) writes {@code o=- <63-bit random> <version> IN IP4 127.0.0.1} and bumps the
 * version on every new local description of the same session.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Session id and version are kept as decimal strings: browsers use up to 19 digits and the
 *       grammar has no upper bound, so they are not forced into a {@code long}.</li>
 *   <li>Firefox's username is {@code mozilla...THIS_IS_SDPARTA-<version>}: any non-blank string.</li>
 * </ul>
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
        String address) {
    /** Digits accepted in sess-id and sess-version; real ones have at most 20. */
    static final int MAX_DIGITS = 32;

    public Origin {
        if (!SdpGrammar.isNonWsString(username) || !SdpGrammar.isNonWsString(netType)
                || !SdpGrammar.isNonWsString(addrType) || !SdpGrammar.isNonWsString(address)) {
            throw new IllegalArgumentException("o= fields must be non-blank without spaces");
        }
        if (!SdpGrammar.isDigits(sessionId, MAX_DIGITS) || !SdpGrammar.isDigits(sessionVersion, MAX_DIGITS)) {
            throw new IllegalArgumentException("o= sess-id and sess-version must be 1.." + MAX_DIGITS + " digits");
        }
    }

    /** The JSEP origin {@code - <sessionId> <sessionVersion> IN IP4 127.0.0.1}. */
    public static Origin jsep(long sessionId, long sessionVersion) {
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("session id and version must be >= 0");
        }
        return new Origin("-", Long.toString(sessionId), Long.toString(sessionVersion), "IN", "IP4", "127.0.0.1");
    }

    static Origin parseOrNull(String value) {
        String[] p = SdpGrammar.splitSpaces(value);
        if (p == null || p.length != 6) {
            return null;
        }
        try {
            return new Origin(p[0], p[1], p[2], p[3], p[4], p[5]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String toValue() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }

    @Override
    public String toString() {
        return toValue();
    }
}
