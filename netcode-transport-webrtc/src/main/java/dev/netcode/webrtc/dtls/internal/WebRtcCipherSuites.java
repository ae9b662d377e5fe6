package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsContext;
import java.security.PrivateKey;
import java.util.Map;
import java.util.WeakHashMap;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.DefaultTlsCredentialedSigner;

/**
 * What a WebRTC DTLS 1.2 endpoint offers: ECDHE with ECDSA certificates and AEAD ciphers only, as
 * Chromium and Firefox do (RFC 8827 §6.5 requires forward secrecy and permits AEAD suites).
 */
public final class WebRtcCipherSuites {
    /** Preference order: AES-128-GCM is the suite browsers pick; ChaCha20 helps CPUs without AES-NI. */
    private static final int[] PREFERRED = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    /** Our private keys converted to BouncyCastle's form, once per key rather than per handshake. */
    private static final Map<PrivateKey, AsymmetricKeyParameter> BC_KEYS = new WeakHashMap<>();

    static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private WebRtcCipherSuites() {
    }

    /** IANA name of the suites we offer, else the hex code. */
    public static String name(int suite) {
        switch (suite) {
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
                return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            default: return String.format("0x%04X", suite);
        }
    }

    /** Bytes an AEAD record adds beyond the plaintext: nonce_explicit (GCM only) plus the tag. */
    public static int aeadOverheadBytes(int suite) {
        // ChaCha20-Poly1305 has an implicit nonce (RFC 7905 §2); AES-GCM carries 8 bytes (RFC 5288 §3).
        return suite == CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 ? 16 : 24;
    }

    static ProtocolVersion[] versions() {
        return ProtocolVersion.DTLSv12.only();
    }

    /** The preferred suites the given crypto implements. */
    static int[] supported(TlsCrypto crypto) {
        return TlsUtils.getSupportedCipherSuites(crypto, PREFERRED);
    }

    /** Signature algorithms we accept from peers, for CertificateRequest and signature_algorithms. */
    static Vector<SignatureAndHashAlgorithm> signatureAlgorithms() {
        Vector<SignatureAndHashAlgorithm> v = new Vector<>();
        v.add(ECDSA_SHA256);
        v.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
        v.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        v.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
        return v;
    }

    /** Our certificate and key as a BouncyCastle signer, for whichever crypto backend is in use. */
    static TlsCredentialedSigner signer(TlsContext context, TlsCrypto crypto, byte[] der, PrivateKey key)
            throws IOException {
        Certificate certificate = new Certificate(new org.bouncycastle.tls.crypto.TlsCertificate[] {
            crypto instanceof HybridTlsCrypto hybrid ? PeerKeyCache.local(hybrid, der) : crypto.createCertificate(der)});
        TlsCryptoParameters params = new TlsCryptoParameters(context);
        if (crypto instanceof JcaTlsCrypto jca) {
            return new JcaDefaultTlsCredentialedSigner(params, jca, key, certificate, ECDSA_SHA256);
        }
        if (crypto instanceof BcTlsCrypto bc) {
            AsymmetricKeyParameter bcKey = bcKey(key);
            if (crypto instanceof HybridTlsCrypto && bcKey instanceof ECPrivateKeyParameters ec) {
                PrecomputedEcdsaSigner fast = PrecomputedEcdsaSigner.forKey(ec, bc.getSecureRandom());
                if (fast != null) {
                    return new DefaultTlsCredentialedSigner(params, fast, certificate, ECDSA_SHA256);
                }
            }
            return new BcDefaultTlsCredentialedSigner(params, bc, bcKey, certificate, ECDSA_SHA256);
        }
        throw new IllegalStateException("unsupported TlsCrypto " + crypto.getClass().getName());
    }

    private static AsymmetricKeyParameter bcKey(PrivateKey key) throws IOException {
        synchronized (BC_KEYS) {
            AsymmetricKeyParameter cached = BC_KEYS.get(key);
            if (cached == null) {
                cached = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(key.getEncoded()));
                BC_KEYS.put(key, cached);
            }
            return cached;
        }
    }
}
