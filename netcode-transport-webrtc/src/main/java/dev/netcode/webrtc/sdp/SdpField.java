package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;

/**
 * A description line other than {@code v= o= s= m= a=}, kept verbatim: {@code i= u= e= p= c= b= t=
 * r= z= k=} at session level, {@code i= c= b= k=} in a media section (RFC 8866 §5).
 *
 * <p>WebRTC reads only {@code c=} and writes {@code t=0 0}; the others are rare in browser SDP but
 * are carried through so a description round-trips.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>RFC 8866 fixes the order of these lines. A description keeps them in that order: a parsed
 *       one out of order is stored sorted (stable, {@code t=} and {@code r=} stay interleaved), so
 *       it serializes canonically.</li>
 * </ul>
 *
 * @param type  the type letter
 * @param value the text after {@code "<type>="}
 */
public record SdpField(char type, String value) {

    /** Canonical order of the non-attribute fields (RFC 8866 §5); t and r share a rank. */
    private static final String SESSION_ORDER = "iuepcbtrzk";

    public SdpField {
        if (SESSION_ORDER.indexOf(type) < 0) {
            throw new IllegalArgumentException("not a field type: '" + type + "'");
        }
        String reason = SdpGrammar.checkLineValue(value);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        if (type == 'c' && ConnectionData.parseOrNull(value) == null) {
            throw new IllegalArgumentException("c= needs '<nettype> <addrtype> <address>', got '" + value + "'");
        }
        if (type == 't' && !isTiming(value)) {
            throw new IllegalArgumentException("t= needs '<start-time> <stop-time>', got '" + value + "'");
        }
    }

    /** {@code t=0 0}: an unbounded session, as JSEP always writes it (RFC 8829 §5.2.1). */
    public static SdpField unboundedTiming() {
        return new SdpField('t', "0 0");
    }

    /** {@code c=} with the given connection data. */
    public static SdpField connection(ConnectionData data) {
        return new SdpField('c', data.toValue());
    }

    /** True for the types allowed inside a media section. */
    public boolean isMediaLevel() {
        return type == 'i' || type == 'c' || type == 'b' || type == 'k';
    }

    /** Sort rank per RFC 8866 §5 ({@code t} and {@code r} equal). */
    int rank() {
        int i = SESSION_ORDER.indexOf(type);
        return type == 'r' ? SESSION_ORDER.indexOf('t') : i;
    }

    public String toLine() {
        return type + "=" + value;
    }

    @Override
    public String toString() {
        return toLine();
    }

    static boolean isTiming(String value) {
        String[] p = SdpGrammar.splitSpaces(value);
        return p != null && p.length == 2 && SdpGrammar.isDigits(p[0], 20) && SdpGrammar.isDigits(p[1], 20);
    }
}
