package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Remembers the parsed EC public keys of recently seen peer certificates, keyed by the exact bytes
 * of the certificate's SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), so that a peer that reconnects
 * with the same certificate (browsers and our own {@code PeerConnection} keep one per page or
 * process) is verified with the same key object. BouncyCastle stores the window precomputation of
 * an ECDSA verification on the public point, so the second and later verifications with that key
 * skip it: about 100 µs less per verification, two per handshake, on a warm JVM.
 *
 * <p>Nothing is trusted because of the cache: equal SubjectPublicKeyInfo bytes are the same key by
 * definition, every signature is still verified, and the fingerprint check runs on the full
 * certificate as before.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Bounded ({@link #CAPACITY} keys, least recently used evicted): a flood of fresh
 *       certificates only evicts entries, it cannot grow memory.</li>
 *   <li>Only EC keys are cached; anything else is parsed per use as BouncyCastle does.</li>
 * </ul>
 */
public final class PeerKeyCache {
    static final int CAPACITY = 256;

    private static final Map<ByteBuffer, ECPublicKeyParameters> KEYS =
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, ECPublicKeyParameters> eldest) {
                    return size() > CAPACITY;
                }
            };

    private PeerKeyCache() {
    }

    static ECPublicKeyParameters get(ByteBuffer spki) {
        synchronized (KEYS) {
            return KEYS.get(spki);
        }
    }

    static void put(ByteBuffer spki, ECPublicKeyParameters key) {
        synchronized (KEYS) {
            KEYS.put(spki, key);
        }
    }

    /** Keys cached right now (for tests). */
    static int size() {
        synchronized (KEYS) {
            return KEYS.size();
        }
    }

    /** Parsed forms of our own certificates, by identity of their DER array (one per DtlsCertificate). */
    private static final Map<byte[], org.bouncycastle.asn1.x509.Certificate> LOCAL = new java.util.WeakHashMap<>();

    /** Our own certificate for a handshake, parsed once per certificate rather than per handshake. */
    static CachingCertificate local(BcTlsCrypto crypto, byte[] der) throws IOException {
        org.bouncycastle.asn1.x509.Certificate parsed;
        synchronized (LOCAL) {
            parsed = LOCAL.get(der);
            if (parsed == null) {
                parsed = BcTlsCertificate.parseCertificate(der);
                LOCAL.put(der, parsed);
            }
        }
        return new CachingCertificate(crypto, parsed, der);
    }

    /**
     * An X.509 certificate whose EC public key is looked up in, or added to, the cache, and whose
     * encoding is the exact bytes it was made from (so the fingerprint covers what the peer sent,
     * without a re-encoding per handshake).
     */
    static final class CachingCertificate extends BcTlsCertificate {
        private final byte[] encoding;

        CachingCertificate(BcTlsCrypto crypto, byte[] encoding) throws IOException {
            this(crypto, BcTlsCertificate.parseCertificate(encoding), encoding.clone());
        }

        private CachingCertificate(BcTlsCrypto crypto, org.bouncycastle.asn1.x509.Certificate parsed, byte[] encoding) {
            super(crypto, parsed);
            this.encoding = encoding;
        }

        @Override
        public byte[] getEncoded() {
            return encoding.clone();
        }

        @Override
        protected AsymmetricKeyParameter getPublicKey() throws IOException {
            ByteBuffer spki = ByteBuffer.wrap(keyInfo.getEncoded("DER"));
            ECPublicKeyParameters cached = get(spki);
            if (cached != null) {
                return cached;
            }
            AsymmetricKeyParameter parsed = super.getPublicKey();
            if (parsed instanceof ECPublicKeyParameters ec) {
                put(spki, ec);
            }
            return parsed;
        }
    }
}
