package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.security.PrivateKey;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.util.Integers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS client side of a WebRTC endpoint ({@code a=setup:active}): offers DTLS 1.2 with
 * ECDHE-ECDSA AEAD suites, the extended master secret (RFC 7627, offered by BouncyCastle by default),
 * an explicit empty {@code renegotiation_info} extension (RFC 5746 §3.4), authenticates with our
 * certificate when asked, and accepts the server only if its certificate matches the SDP
 * fingerprint.
 */
public final class WebRtcDtlsClient extends DefaultTlsClient {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcDtlsClient.class);

    private final byte[] certificateDer;
    private final PrivateKey privateKey;
    private final PeerCertificateCheck check;
    private final int handshakeTimeoutMs;
    private final int initialRetransmitMs;

    public WebRtcDtlsClient(TlsCrypto crypto, byte[] certificateDer, PrivateKey privateKey, PeerCertificateCheck check,
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        // The extension rather than only the SCSV: some WebRTC stacks look for the extension itself.
        extensions.put(Integers.valueOf(ExtensionType.renegotiation_info), TlsUtils.encodeOpaque8(TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                check.verify(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                // WebRTC requires mutual authentication (RFC 8827 §6.5): always answer with our certificate.
                return WebRtcCipherSuites.signer(context, getCrypto(), certificateDer, privateKey);
            }
        };
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
        LOG.debug("DTLS client raised alert {}/{}: {}", alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        LOG.debug("DTLS client received alert {}/{}", alertLevel, alertDescription);
    }

    /** The negotiated cipher suite (RFC 5246 code), valid once the handshake finished. */
    public int selectedCipherSuite() {
        return context.getSecurityParametersConnection().getCipherSuite();
    }
}
