package dev.netcode.webrtc.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local DTLS identity: an ECDSA P-256 key pair and its self-signed X.509 certificate, plus the
 * SHA-256 {@link CertificateFingerprint} that goes into the local description's
 * {@code a=fingerprint}.
 *
 * <pre>{@code
 * DtlsCertificate cert = DtlsCertificate.generate();         // once per PeerConnection (or process)
 * String sdpLine = "a=fingerprint:" + cert.fingerprint().toSdpValue();
 * }</pre>
 *
 * <p>A generated certificate is valid from 30 days in the past (clock skew between peers) to one
 * year ahead, has a random positive 64-bit serial and the subject and issuer {@code CN=netcode}.
 * Browsers do the same (RFC 8827 §6.5: self-signed, authenticated only through the fingerprint).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Generating a key pair costs about a millisecond; reuse one certificate for many connections
 *       rather than one per handshake.</li>
 *   <li>Only ECDSA P-256 keys are accepted from {@link #of}: they are what browsers offer by default
 *       and what our cipher-suite list (ECDHE_ECDSA) needs.</li>
 *   <li>Browsers ignore the validity period, but an expired certificate still looks suspicious in
 *       logs: regenerate before {@link #notAfter()}.</li>
 * </ul>
 */
public final class DtlsCertificate {
    /** Subject and issuer common name of generated certificates. */
    public static final String DEFAULT_COMMON_NAME = "netcode";
    private static final Duration BACKDATE = Duration.ofDays(30);
    private static final Duration LIFETIME = Duration.ofDays(365);

    private final byte[] der;
    private final PrivateKey privateKey;
    private final CertificateFingerprint fingerprint;
    private final Instant notBefore;
    private final Instant notAfter;

    private DtlsCertificate(byte[] der, PrivateKey privateKey, Instant notBefore, Instant notAfter) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = CertificateFingerprint.sha256(der);
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** A fresh P-256 key pair and self-signed certificate with the default name and validity. */
    public static DtlsCertificate generate() {
        return generate(DEFAULT_COMMON_NAME, new SecureRandom(), Clock.systemUTC());
    }

    /**
     * A fresh P-256 key pair and self-signed certificate.
     *
     * @param commonName subject and issuer CN (no secrets: the certificate is sent in clear)
     * @param random source for the key and the serial number
     * @param clock time base for the validity period
     */
    public static DtlsCertificate generate(String commonName, SecureRandom random, Clock clock) {
        Objects.requireNonNull(commonName, "commonName");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = generator.generateKeyPair();
            Instant now = clock.instant();
            Instant notBefore = now.minus(BACKDATE);
            Instant notAfter = now.plus(LIFETIME);
            // Positive and non-zero: RFC 5280 §4.1.2.2 requires a positive serial.
            BigInteger serial = new BigInteger(64, random).setBit(0);
            X500Name name = new X500Name("CN=" + commonName);
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(notBefore), Date.from(notAfter), name, keyPair.getPublic()).build(signer);
            return new DtlsCertificate(holder.getEncoded(), keyPair.getPrivate(),
                    holder.getNotBefore().toInstant(), holder.getNotAfter().toInstant());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-256 certificate", e);
        }
    }

    /**
     * Wraps a user-supplied certificate and its private key (e.g. loaded from a key store so the
     * fingerprint stays stable across restarts).
     *
     * @throws IllegalArgumentException if the key is not an EC P-256 key
     */
    public static DtlsCertificate of(X509Certificate certificate, PrivateKey privateKey) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!(privateKey instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("only ECDSA P-256 private keys are supported, got "
                    + privateKey.getAlgorithm());
        }
        try {
            return new DtlsCertificate(certificate.getEncoded(), privateKey,
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    /** SHA-256 fingerprint of the DER certificate, for the local {@code a=fingerprint}. */
    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** A copy of the DER encoding. */
    public byte[] derEncoded() {
        return der.clone();
    }

    /** The private key (handed to the TLS signer only). */
    public PrivateKey privateKey() {
        return privateKey;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    byte[] derUnsafe() {
        return der;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + fingerprint.toSdpValue() + ", notAfter=" + notAfter + "]";
    }
}
