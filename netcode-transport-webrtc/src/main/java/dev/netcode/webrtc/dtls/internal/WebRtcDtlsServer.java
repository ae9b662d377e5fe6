package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.security.PrivateKey;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS server side of a WebRTC endpoint ({@code a=setup:passive}): DTLS 1.2, ECDHE-ECDSA AEAD
 * suites, signs with our certificate, sends a CertificateRequest so the client must present its
 * certificate, and accepts the client only if that certificate matches the SDP fingerprint.
 * ECDHE uses X25519 whenever the client offers it.
 * Secure renegotiation indication and the extended master secret are echoed by BouncyCastle when the
 * client offers them; unknown extensions such as {@code use_srtp} are ignored.
 */
public final class WebRtcDtlsServer extends DefaultTlsServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcDtlsServer.class);

    private final byte[] certificateDer;
    private final PrivateKey privateKey;
    private final PeerCertificateCheck check;
    private final int handshakeTimeoutMs;
    private final int initialRetransmitMs;

    public WebRtcDtlsServer(TlsCrypto crypto, byte[] certificateDer, PrivateKey privateKey, PeerCertificateCheck check,
            int handshakeTimeoutMs, int initialRetransmitMs) {
        super(crypto);
        this.certificateDer = certificateDer;
        this.privateKey = privateKey;
        this.check = check;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        this.initialRetransmitMs = initialRetransmitMs;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return WebRtcCipherSuites.versions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return WebRtcCipherSuites.supported(getCrypto());
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        // Our order (AES-128-GCM first, as browsers negotiate) rather than whatever the client lists first.
        return true;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return WebRtcCipherSuites.signer(context, getCrypto(), certificateDer, privateKey);
    }

    @Override
    protected int selectECDH(int minimumCurveBits) {
        // X25519 whenever the client offers it, whatever its order: the cheapest ECDHE group (RFC 8422
        // §5.1.1), and what browsers list first anyway. Otherwise BouncyCastle's choice (client order).
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        if (offered != null && org.bouncycastle.util.Arrays.contains(offered, NamedGroup.x25519)
                && NamedGroup.getCurveBits(NamedGroup.x25519) >= minimumCurveBits
                && getCrypto().hasNamedGroup(NamedGroup.x25519)) {
            return NamedGroup.x25519;
        }
        return super.selectECDH(minimumCurveBits);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, WebRtcCipherSuites.signatureAlgorithms(), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        check.verify(clientCertificate);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMs;
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return initialRetransmitMs;
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        LOG.debug("DTLS server raised alert {}/{}: {}", alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        LOG.debug("DTLS server received alert {}/{}", alertLevel, alertDescription);
    }

    /** The negotiated cipher suite (RFC 5246 code), valid once the handshake finished. */
    public int selectedCipherSuite() {
        return context.getSecurityParametersConnection().getCipherSuite();
    }
}
