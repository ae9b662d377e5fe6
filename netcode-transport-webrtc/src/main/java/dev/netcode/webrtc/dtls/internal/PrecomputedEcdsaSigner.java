package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.TlsStreamSigner;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA over P-256 (FIPS 186-4 §6.4, as TLS 1.2 uses it per RFC 8422 §5.10) with the per-signature
 * nonce work done ahead of time: the random nonce {@code k}, the point {@code k·G}, its x-coordinate
 * {@code r} and {@code k⁻¹ mod n} do not depend on the message or the key, so a {@link PrecomputedPool}
 * prepares them in the background and signing is left with {@code s = k⁻¹(e + r·d) mod n}, a few
 * modular multiplications instead of a scalar multiplication.
 *
 * <p>Each precomputed nonce is used for exactly one signature and then forgotten (reusing one would
 * reveal the private key); nonces are uniform in {@code [1, n-1]} from {@link SecureRandom}, as in
 * BouncyCastle's randomized ECDSA. Keys on any other curve are refused here; the caller uses
 * BouncyCastle's signer for them.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Only raw (pre-hashed) TLS 1.2 signatures: {@link #getStreamSigner} returns null, which
 *       makes BouncyCastle hash the handshake itself and call {@link #generateRawSignature}.</li>
 *   <li>The signature is DER {@code ECDSA-Sig-Value} (RFC 8422 §5.4), as BouncyCastle encodes it.</li>
 * </ul>
 */
public final class PrecomputedEcdsaSigner implements TlsSigner {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256);
    private static final PrecomputedPool<Nonce> NONCES = new PrecomputedPool<>(8, PrecomputedEcdsaSigner::nonce);

    private final ECPrivateKeyParameters key;
    private final SecureRandom random;

    private PrecomputedEcdsaSigner(ECPrivateKeyParameters key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** A signer for {@code key}, or null when the key is not on P-256. */
    public static PrecomputedEcdsaSigner forKey(ECPrivateKeyParameters key, SecureRandom random) {
        ECDomainParameters p = key.getParameters();
        if (!p.getCurve().equals(DOMAIN.getCurve()) || !p.getG().equals(DOMAIN.getG()) || !p.getN().equals(DOMAIN.getN())) {
            return null;
        }
        return new PrecomputedEcdsaSigner(key, random);
    }

    @Override
    public byte[] generateRawSignature(SignatureAndHashAlgorithm algorithm, byte[] hash) throws IOException {
        if (algorithm != null && algorithm.getSignature() != SignatureAlgorithm.ecdsa) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "not an ECDSA algorithm: " + algorithm);
        }
        BigInteger n = DOMAIN.getN();
        BigInteger e = messageRepresentative(n, hash);
        BigInteger d = key.getD();
        while (true) {
            Nonce k = NONCES.take(random);
            BigInteger s = k.inverse.multiply(e.add(d.multiply(k.r))).mod(n);
            if (s.signum() != 0) {
                return StandardDSAEncoding.INSTANCE.encode(n, k.r, s);
            }
        }
    }

    @Override
    public TlsStreamSigner getStreamSigner(SignatureAndHashAlgorithm algorithm) {
        return null;
    }

    /** FIPS 186-4 §6.4: the leftmost bitlen(n) bits of the hash, as an integer. */
    static BigInteger messageRepresentative(BigInteger n, byte[] hash) {
        int hashBits = hash.length * 8;
        BigInteger e = new BigInteger(1, hash);
        int nBits = n.bitLength();
        return nBits < hashBits ? e.shiftRight(hashBits - nBits) : e;
    }

    /** Draws k uniformly in [1, n-1] and derives r = x(k·G) mod n (non-zero) and k⁻¹ mod n. */
    static Nonce nonce(SecureRandom random) {
        BigInteger n = DOMAIN.getN();
        FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();
        while (true) {
            BigInteger k = BigIntegers.createRandomBigInteger(n.bitLength(), random);
            if (k.signum() == 0 || k.compareTo(n) >= 0) {
                continue;
            }
            ECPoint p = multiplier.multiply(DOMAIN.getG(), k).normalize();
            BigInteger r = p.getAffineXCoord().toBigInteger().mod(n);
            if (r.signum() != 0) {
                return new Nonce(r, BigIntegers.modOddInverse(n, k));
            }
        }
    }

    /** One single-use nonce: r = x(k·G) mod n and k⁻¹ mod n (k itself is not kept). */
    record Nonce(BigInteger r, BigInteger inverse) {
    }
}
