package dev.netcode.webrtc.ice;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * An ICE username fragment and password ({@code a=ice-ufrag}, {@code a=ice-pwd}; RFC 8839 §5.4):
 * the ufrag has 4..256 ice-chars and the password 22..256. The password is the short-term
 * credential that keys MESSAGE-INTEGRITY on every check.
 */
public record IceCredentials(String ufrag, String password) {
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(password, "password");
        check(ufrag, 4, "ufrag");
        check(password, 22, "password");
    }

    private static void check(String s, int minLength, String what) {
        if (s.length() < minLength || s.length() > 256) {
            throw new IllegalArgumentException("ICE " + what + " must have " + minLength + "..256 characters, got " + s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            if (!IceCandidate.isIceChar(s.charAt(i))) {
                throw new IllegalArgumentException("ICE " + what + " has a non ice-char at " + i);
            }
        }
    }

    /** Fresh credentials: an 8-character ufrag (48 bits) and a 24-character password (144 bits). */
    public static IceCredentials random() {
        return random(SECURE_RANDOM);
    }

    /** Fresh credentials from {@code random} (tests pass a seeded one). */
    public static IceCredentials random(Random random) {
        return new IceCredentials(randomIceChars(random, 8), randomIceChars(random, 24));
    }

    static String randomIceChars(Random random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=<hidden>]";
    }
}
