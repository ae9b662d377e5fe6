package dev.netcode.webrtc.sctp.internal;

/**
 * Serial number arithmetic (RFC 1982) for 32-bit TSNs and 16-bit SSNs, as RFC 9260 §1.6 requires:
 * TSNs wrap, so {@code a < b} means "a is before b within half the number space".
 */
public final class Serial {
    private Serial() {
    }

    /** {@code a} before {@code b} (32-bit TSN space). */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** {@code a} before {@code b} in the 16-bit SSN space. */
    public static boolean lt16(int a, int b) {
        return (short) (a - b) < 0;
    }

    public static boolean le16(int a, int b) {
        return (short) (a - b) <= 0;
    }

    /** TSN as an unsigned decimal for logs. */
    public static String str(int tsn) {
        return Integer.toUnsignedString(tsn);
    }
}
