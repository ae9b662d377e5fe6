package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * ECDHE over X25519 (RFC 8422 §5.11, RFC 7748 §6.1) whose ephemeral key pair comes from a
 * {@link PrecomputedPool}: the same exchange as BouncyCastle's own, minus the key generation on the
 * handshake's critical path. Each pooled pair is used by exactly one agreement.
 *
 * <p>The shared secret is refused when it is all zeros (a small-order peer value, RFC 7748 §6.1),
 * with {@code handshake_failure}; a peer value of the wrong length fails with
 * {@code decode_error}, as in BouncyCastle.
 */
public final class PooledX25519Agreement implements TlsAgreement {
    /** Pairs kept ready: {@code [0, 32)} private scalar, {@code [32, 64)} public value. */
    static final PrecomputedPool<byte[]> KEY_PAIRS = new PrecomputedPool<>(8, PooledX25519Agreement::generatePair);

    private final BcTlsCrypto crypto;
    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
    private final byte[] peerPublicKey = new byte[X25519.POINT_SIZE];
    private boolean generated;

    PooledX25519Agreement(BcTlsCrypto crypto) {
        this.crypto = crypto;
    }

    /** A {@link TlsECDomain} for x25519 whose agreements use the shared pool. */
    public static TlsECDomain domain(BcTlsCrypto crypto) {
        return () -> new PooledX25519Agreement(crypto);
    }

    @Override
    public byte[] generateEphemeral() {
        byte[] pair = KEY_PAIRS.take(crypto.getSecureRandom());
        System.arraycopy(pair, 0, privateKey, 0, X25519.SCALAR_SIZE);
        byte[] publicKey = Arrays.copyOfRange(pair, X25519.SCALAR_SIZE, pair.length);
        Arrays.fill(pair, (byte) 0);
        generated = true;
        return publicKey;
    }

    @Override
    public void receivePeerValue(byte[] peerValue) throws IOException {
        if (peerValue == null || peerValue.length != X25519.POINT_SIZE) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
        System.arraycopy(peerValue, 0, peerPublicKey, 0, X25519.POINT_SIZE);
    }

    @Override
    public TlsSecret calculateSecret() throws IOException {
        if (!generated) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "no ephemeral key generated");
        }
        byte[] secret = new byte[X25519.POINT_SIZE];
        boolean ok = X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, secret, 0);
        Arrays.fill(privateKey, (byte) 0);
        if (!ok) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
        TlsSecret result = crypto.createSecret(secret); // copies
        Arrays.fill(secret, (byte) 0);
        return result;
    }

    private static byte[] generatePair(java.security.SecureRandom random) {
        byte[] privateKey = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, privateKey);
        byte[] pair = new byte[X25519.SCALAR_SIZE + X25519.POINT_SIZE];
        System.arraycopy(privateKey, 0, pair, 0, X25519.SCALAR_SIZE);
        Arrays.fill(privateKey, (byte) 0);
        X25519.generatePublicKey(pair, 0, pair, X25519.SCALAR_SIZE);
        return pair;
    }
}
