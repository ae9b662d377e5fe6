package dev.netcode.webrtc.dtls.internal;

import dev.netcode.webrtc.dtls.CertificateFingerprint;
import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Verifies the peer's end-entity certificate against the fingerprint from the remote description
 * (RFC 8122 §5, RFC 8827 §6.5) and remembers the outcome so the endpoint can report a
 * {@code DtlsFingerprintMismatchException} rather than a bare alert.
 *
 * <p>No chain or validity check: WebRTC certificates are self-signed and the fingerprint, carried by
 * the (separately secured) signaling channel, is the only trust anchor.
 */
public final class PeerCertificateCheck {
    private final CertificateFingerprint expected;
    private volatile CertificateFingerprint mismatchActual;
    private volatile boolean mismatch;
    private volatile CertificateFingerprint verified;

    public PeerCertificateCheck(CertificateFingerprint expected) {
        this.expected = expected;
    }

    /** Throws {@code bad_certificate} (sent to the peer by BouncyCastle) unless the fingerprint matches. */
    public void verify(Certificate peerChain) throws IOException {
        if (peerChain == null || peerChain.isEmpty()) {
            mismatch = true;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer sent no certificate");
        }
        byte[] der = peerChain.getCertificateAt(0).getEncoded();
        if (!expected.matches(der)) {
            mismatchActual = CertificateFingerprint.of(expected.algorithm(), der);
            mismatch = true;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate fingerprint mismatch");
        }
        verified = expected;
    }

    public CertificateFingerprint expected() {
        return expected;
    }

    /** True once a certificate was rejected. */
    public boolean mismatch() {
        return mismatch;
    }

    /** Fingerprint of the rejected certificate, or null when the peer sent none. */
    public CertificateFingerprint mismatchActual() {
        return mismatchActual;
    }

    /** True once a certificate matched. */
    public boolean verified() {
        return verified != null;
    }
}
