package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FIPS 186-4 §6.4 signatures from precomputed nonces, checked by the JDK's independent verifier. */
@Timeout(60)
class PrecomputedEcdsaSignerTest {
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    @Test
    void signaturesVerifyWithTheJdkAndNeverRepeatANonce() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PrecomputedEcdsaSignerTest seed " + seed);
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = g.generateKeyPair();
        ECPrivateKeyParameters key = (ECPrivateKeyParameters) PrivateKeyFactory.createKey(
                PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()));
        PrecomputedEcdsaSigner signer = PrecomputedEcdsaSigner.forKey(key, new SecureRandom());
        assertThat(signer).isNotNull();
        assertThat(signer.getStreamSigner(ECDSA_SHA256)).isNull();

        BigInteger n = CustomNamedCurves.getByName("secp256r1").getN();
        Set<BigInteger> rs = new HashSet<>();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        for (int i = 0; i < 40; i++) { // more than the pool holds: pooled and inline nonces both
            byte[] message = new byte[1 + random.nextInt(200)];
            random.nextBytes(message);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
            byte[] der = signer.generateRawSignature(ECDSA_SHA256, hash);
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(der)).as("signature %d", i).isTrue();
            BigInteger r = StandardDSAEncoding.INSTANCE.decode(n, der)[0];
            assertThat(rs.add(r)).as("nonce reused at %d", i).isTrue();
        }
    }

    @Test
    void aLongerHashIsTruncatedToTheOrderLength() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        ECPrivateKeyParameters key = (ECPrivateKeyParameters) PrivateKeyFactory.createKey(
                PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()));
        byte[] message = "truncate me".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = MessageDigest.getInstance("SHA-384").digest(message);
        byte[] der = PrecomputedEcdsaSigner.forKey(key, new SecureRandom()).generateRawSignature(
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa), hash);
        Signature verifier = Signature.getInstance("SHA384withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        assertThat(verifier.verify(der)).isTrue();
    }

    @Test
    void otherCurvesAndAlgorithmsAreRefused() throws Exception {
        ECDomainParameters p384 = new ECDomainParameters(CustomNamedCurves.getByName("secp384r1"));
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(p384, new SecureRandom()));
        ECPrivateKeyParameters key384 = (ECPrivateKeyParameters) g.generateKeyPair().getPrivate();
        assertThat(PrecomputedEcdsaSigner.forKey(key384, new SecureRandom())).isNull();

        ECDomainParameters p256 = new ECDomainParameters(CustomNamedCurves.getByName("secp256r1"));
        g.init(new ECKeyGenerationParameters(p256, new SecureRandom()));
        PrecomputedEcdsaSigner signer = PrecomputedEcdsaSigner.forKey(
                (ECPrivateKeyParameters) g.generateKeyPair().getPrivate(), new SecureRandom());
        assertThatThrownBy(() -> signer.generateRawSignature(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256, new byte[32]))
                .isInstanceOf(TlsFatalAlert.class);
    }
}
