package dev.netcode.webrtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as carried by SDP's {@code a=fingerprint} attribute (RFC 8122 §5):
 *
 * <pre>
 *   fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
 *   fingerprint           = 2UHEX *(":" 2UHEX)   ; each byte of the digest of the DER certificate
 * </pre>
 *
 * WebRTC authenticates a DTLS peer only through this value: the certificate itself is self-signed,
 * so a handshake whose remote certificate does not hash to the fingerprint from the remote
 * description must fail.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Browsers write the hex digits in upper case; RFC 8122 allows either, so comparison ignores
 *       case.</li>
 *   <li>Only {@code sha-256} is produced; {@code sha-1}, {@code sha-384} and {@code sha-512} are
 *       accepted from peers.</li>
 * </ul>
 */
public final class CertificateFingerprint {
    private static final int MAX_DIGEST_BYTES = 64;

    private final String algorithm;
    private final byte[] digest;

    private CertificateFingerprint(String algorithm, byte[] digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    /** SHA-256 fingerprint of a DER-encoded certificate. */
    public static CertificateFingerprint sha256(byte[] derCertificate) {
        return of("sha-256", derCertificate);
    }

    /** Fingerprint of {@code derCertificate} with the SDP hash function name {@code algorithm}. */
    public static CertificateFingerprint of(String algorithm, byte[] derCertificate) {
        String alg = algorithm.toLowerCase(Locale.ROOT);
        try {
            return new CertificateFingerprint(alg, MessageDigest.getInstance(jcaName(alg)).digest(derCertificate));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + alg, e);
        }
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute, e.g. {@code "sha-256 AB:CD:..."}.
     *
     * @throws IllegalArgumentException naming what is wrong, for any malformed value
     */
    public static CertificateFingerprint parse(String attributeValue) {
        Objects.requireNonNull(attributeValue, "attributeValue");
        int space = attributeValue.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("fingerprint needs '<hash-func> <hex>', got '" + attributeValue + "'");
        }
        String alg = attributeValue.substring(0, space).toLowerCase(Locale.ROOT);
        jcaName(alg);
        String hex = attributeValue.substring(space + 1).trim();
        if (hex.length() > MAX_DIGEST_BYTES * 3 || (hex.length() + 1) % 3 != 0) {
            throw new IllegalArgumentException("fingerprint hex has bad length " + hex.length());
        }
        byte[] digest = new byte[(hex.length() + 1) / 3];
        for (int i = 0; i < digest.length; i++) {
            int at = i * 3;
            if (i > 0 && hex.charAt(at - 1) != ':') {
                throw new IllegalArgumentException("fingerprint bytes must be separated by ':' at offset " + (at - 1));
            }
            int hi = Character.digit(hex.charAt(at), 16);
            int lo = Character.digit(hex.charAt(at + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("fingerprint has a non-hex digit at offset " + at);
            }
            digest[i] = (byte) (hi << 4 | lo);
        }
        return new CertificateFingerprint(alg, digest);
    }

    /** True when {@code derCertificate} hashes, with this fingerprint's algorithm, to this value. */
    public boolean matches(byte[] derCertificate) {
        return equals(of(algorithm, derCertificate));
    }

    public String algorithm() {
        return algorithm;
    }

    /** The attribute value as browsers write it: {@code "sha-256 AB:CD:..."}. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(algorithm.length() + 1 + digest.length * 3);
        sb.append(algorithm).append(' ');
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.toUpperCase(Character.forDigit(digest[i] >> 4 & 0xf, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(digest[i] & 0xf, 16)));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateFingerprint f && f.algorithm.equals(algorithm)
                && MessageDigest.isEqual(f.digest, digest);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }

    private static String jcaName(String sdpName) {
        switch (sdpName) {
            case "sha-1": return "SHA-1";
            case "sha-256": return "SHA-256";
            case "sha-384": return "SHA-384";
            case "sha-512": return "SHA-512";
            default: throw new IllegalArgumentException("unsupported fingerprint hash function '" + sdpName + "'");
        }
    }
}
