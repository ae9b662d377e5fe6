package dev.netcode.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationFingerprintTest {

    @Test
    void hashIsStableAcrossInstancesAndBuilds() {
        RegistrationFingerprint a = RegistrationFingerprint.ofClasses(10, List.of(String.class, Integer.class));
        RegistrationFingerprint b = RegistrationFingerprint.ofClasses(10, List.of(String.class, Integer.class));
        assertThat(a.hash()).isEqualTo(b.hash());
        // Pinned: the hash is part of the wire protocol, so an accidental change of the algorithm
        // must fail here rather than between two builds in the field. Computed by hand with FNV-1a 64
        // over "10:java.lang.String;11:java.lang.Integer;".
        assertThat(a.hash()).isEqualTo(fnv1a64("10:java.lang.String;11:java.lang.Integer;"));
        assertThat(new RegistrationFingerprint(List.of()).hash()).isEqualTo(0xcbf29ce484222325L);
    }

    @Test
    void hashChangesWhenRegistrationOrderChanges() {
        RegistrationFingerprint ab = RegistrationFingerprint.ofClasses(10, List.of(String.class, Integer.class));
        RegistrationFingerprint ba = RegistrationFingerprint.ofClasses(10, List.of(Integer.class, String.class));
        assertThat(ab.hash()).isNotEqualTo(ba.hash());
        assertThat(ab.firstDifference(ba)).hasValueSatisfying(msg -> assertThat(msg)
                .contains("#0").contains("java.lang.String").contains("java.lang.Integer"));
    }

    @Test
    void hashChangesWhenIdsShift() {
        RegistrationFingerprint at10 = RegistrationFingerprint.ofClasses(10, List.of(String.class));
        RegistrationFingerprint at11 = RegistrationFingerprint.ofClasses(11, List.of(String.class));
        assertThat(at10.hash()).isNotEqualTo(at11.hash());
    }

    @Test
    void firstDifferenceNamesTheMissingRegistration() {
        RegistrationFingerprint longer = RegistrationFingerprint.ofClasses(10, List.of(String.class, Long.class));
        RegistrationFingerprint shorter = RegistrationFingerprint.ofClasses(10, List.of(String.class));
        assertThat(longer.firstDifference(shorter)).hasValueSatisfying(msg -> assertThat(msg)
                .contains("#1").contains("java.lang.Long").contains("remote has only 1"));
        assertThat(shorter.firstDifference(longer)).hasValueSatisfying(msg -> assertThat(msg)
                .contains("local has only 1").contains("java.lang.Long"));
        assertThat(longer.firstDifference(RegistrationFingerprint.ofClasses(10, List.of(String.class, Long.class))))
                .isEmpty();
    }

    /** Independent reference implementation written from the FNV spec, byte at a time. */
    private static long fnv1a64(String ascii) {
        java.math.BigInteger h = new java.math.BigInteger("14695981039346656037");
        java.math.BigInteger prime = new java.math.BigInteger("1099511628211");
        java.math.BigInteger mask = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
        for (char c : ascii.toCharArray()) {
            h = h.xor(java.math.BigInteger.valueOf(c)).multiply(prime).and(mask);
        }
        return h.longValue();
    }
}
