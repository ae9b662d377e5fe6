package dev.netcode.webrtc.dtls;

/** Two endpoints wired through a {@link MemoryDatagramPipe}: "a" and "b", with the given roles. */
final class DtlsPair implements AutoCloseable {
    static final DtlsCertificate CERT_A = DtlsCertificate.generate();
    static final DtlsCertificate CERT_B = DtlsCertificate.generate();

    final MemoryDatagramPipe pipe;
    final RecordingListener listenerA = new RecordingListener();
    final RecordingListener listenerB = new RecordingListener();
    final DtlsEndpoint a;
    final DtlsEndpoint b;

    DtlsPair(long seed, DtlsRole roleOfA, DtlsConfig config, DtlsHandshakeExecutor executor,
            CertificateFingerprint expectedByA, CertificateFingerprint expectedByB) {
        this.pipe = new MemoryDatagramPipe(seed);
        this.a = DtlsEndpoint.builder().role(roleOfA).localCertificate(CERT_A).remoteFingerprint(expectedByA)
                .datagramPath(pipe.aToB()).listener(listenerA).config(config).handshakeExecutor(executor).build();
        this.b = DtlsEndpoint.builder().role(roleOfA.opposite()).localCertificate(CERT_B).remoteFingerprint(expectedByB)
                .datagramPath(pipe.bToA()).listener(listenerB).config(config).handshakeExecutor(executor).build();
        pipe.aToB().receiver(b::receive);
        pipe.bToA().receiver(a::receive);
    }

    DtlsPair(long seed, DtlsRole roleOfA, DtlsConfig config, DtlsHandshakeExecutor executor) {
        this(seed, roleOfA, config, executor, CERT_B.fingerprint(), CERT_A.fingerprint());
    }

    void start() {
        a.start();
        b.start();
    }

    @Override
    public void close() {
        a.close();
        b.close();
        pipe.close();
    }
}
