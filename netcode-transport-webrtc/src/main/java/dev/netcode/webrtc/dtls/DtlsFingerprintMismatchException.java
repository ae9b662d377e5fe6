package dev.netcode.webrtc.dtls;

/**
 * The remote certificate does not hash to the {@code a=fingerprint} of the remote description. In
 * WebRTC the fingerprint is the only authentication, so this means a man in the middle, a stale
 * description, or signaling mixing up two peers. The handshake is aborted with a
 * {@code bad_certificate} alert.
 */
public final class DtlsFingerprintMismatchException extends DtlsException {
    private static final long serialVersionUID = 1L;

    private final transient CertificateFingerprint expected;
    private final transient CertificateFingerprint actual;

    public DtlsFingerprintMismatchException(CertificateFingerprint expected, CertificateFingerprint actual) {
        super("remote certificate fingerprint " + (actual == null ? "(no certificate)" : actual.toSdpValue())
                + " does not match the expected " + expected.toSdpValue());
        this.expected = expected;
        this.actual = actual;
    }

    /** The fingerprint from the remote description. */
    public CertificateFingerprint expected() {
        return expected;
    }

    /** The fingerprint of the certificate the peer presented, or null when it presented none. */
    public CertificateFingerprint actual() {
        return actual;
    }
}
