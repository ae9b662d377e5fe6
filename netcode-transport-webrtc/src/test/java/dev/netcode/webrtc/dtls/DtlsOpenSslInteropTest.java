package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with an independent DTLS 1.2 implementation, the OpenSSL command line tool, over
 * loopback UDP: both roles, mutual certificate authentication, data both ways, and an offered
 * {@code use_srtp} extension that must not disturb a DataChannel-only server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsOpenSslInteropTest {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT .*:(\\d+)");
    private static DtlsHandshakeExecutor executor;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        executor = DtlsHandshakeExecutor.createDefault();
    }

    @AfterAll
    static void tearDown() {
        executor.close();
    }

    @Test
    void javaClientAgainstOpenSslServer() throws Exception {
        CertificateFingerprint opensslFingerprint = opensslCertificate();
        try (OpenSsl server = OpenSsl.start(List.of("openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:0",
                "-cert", dir.resolve("c.pem").toString(), "-key", dir.resolve("k.pem").toString(), "-Verify", "1"));
                UdpLink link = new UdpLink()) {
            int port = Integer.parseInt(server.awaitLine(ACCEPT, 20).group(1));
            link.peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            RecordingListener listener = new RecordingListener();
            DtlsEndpoint client = link.endpoint(DtlsRole.CLIENT, opensslFingerprint, listener);
            client.start();
            listener.connected.get(20, TimeUnit.SECONDS);
            assertThat(client.remoteFingerprintVerified()).isTrue();

            client.send(ByteBuffer.wrap("hello-from-java\n".getBytes(StandardCharsets.US_ASCII)));
            server.awaitLine(Pattern.compile("hello-from-java"), 20);
            // s_server printed our (self-signed, unverifiable for it) client certificate's subject.
            assertThat(server.output()).contains("CN=netcode");
            // Our ClientHello carried renegotiation_info and extended_master_secret.
            assertThat(server.output()).contains("Secure Renegotiation IS supported");

            server.write("hello-from-openssl\n");
            assertThat(new String(listener.received.poll(20, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
                    .isEqualTo("hello-from-openssl\n");
            client.close();
        }
    }

    @Test
    void openSslClientOfferingSrtpAgainstJavaServer() throws Exception {
        CertificateFingerprint opensslFingerprint = opensslCertificate();
        try (UdpLink link = new UdpLink()) {
            RecordingListener listener = new RecordingListener();
            DtlsEndpoint server = link.endpoint(DtlsRole.SERVER, opensslFingerprint, listener);
            server.start();
            try (OpenSsl client = OpenSsl.start(List.of("openssl", "s_client", "-dtls1_2",
                    "-connect", "127.0.0.1:" + link.socket.getLocalPort(), "-cert", dir.resolve("c.pem").toString(),
                    "-key", dir.resolve("k.pem").toString(), "-use_srtp", "SRTP_AES128_CM_SHA1_80"))) {
                listener.connected.get(20, TimeUnit.SECONDS);
                assertThat(server.remoteFingerprintVerified()).isTrue();
                client.write("hello-from-openssl\n");
                assertThat(new String(listener.received.poll(20, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
                        .isEqualTo("hello-from-openssl\n");
                server.send(ByteBuffer.wrap("hello-from-java\n".getBytes(StandardCharsets.US_ASCII)));
                client.awaitLine(Pattern.compile("hello-from-java"), 20);
                String out = client.output();
                assertThat(out).contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256")
                        .contains("Secure Renegotiation IS supported")
                        .contains("Extended master secret: yes")
                        .doesNotContain("SRTP Extension negotiated");
            }
        }
    }

    /**
     * The Java server picks X25519 whenever the client offers it, even listed after P-256, and still
     * completes with a P-256-only client (the ECDHE path without the pooled keys).
     */
    @Test
    void javaServerPrefersX25519AndStillAcceptsP256Only() throws Exception {
        CertificateFingerprint opensslFingerprint = opensslCertificate();
        String[][] cases = {{"P-256:X25519", "Server Temp Key: X25519"}, {"P-256", "Server Temp Key: ECDH, prime256v1"}};
        for (String[] c : cases) {
            try (UdpLink link = new UdpLink()) {
                RecordingListener listener = new RecordingListener();
                DtlsEndpoint server = link.endpoint(DtlsRole.SERVER, opensslFingerprint, listener);
                server.start();
                try (OpenSsl client = OpenSsl.start(List.of("openssl", "s_client", "-dtls1_2",
                        "-connect", "127.0.0.1:" + link.socket.getLocalPort(), "-cert", dir.resolve("c.pem").toString(),
                        "-key", dir.resolve("k.pem").toString(), "-groups", c[0]))) {
                    listener.connected.get(20, TimeUnit.SECONDS);
                    assertThat(server.remoteFingerprintVerified()).isTrue();
                    server.send(ByteBuffer.wrap("hello-from-java\n".getBytes(StandardCharsets.US_ASCII)));
                    client.awaitLine(Pattern.compile("hello-from-java"), 20);
                    assertThat(client.output()).as("groups %s", c[0]).contains(c[1]);
                }
            }
        }
    }

    /** A P-256 key and self-signed certificate made by OpenSSL itself; returns its fingerprint. */
    private CertificateFingerprint opensslCertificate() throws Exception {
        assumeOpenSsl();
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=openssl", "-days", "30",
                "-keyout", dir.resolve("k.pem").toString(), "-out", dir.resolve("c.pem").toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        byte[] der = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("c.pem")))).getEncoded();
        return CertificateFingerprint.sha256(der);
    }

    private static void assumeOpenSsl() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/openssl"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("openssl is required for DTLS interop tests when CI=true");
        }
        assumeTrue(present, "openssl not installed");
    }

    /** A UDP socket on 127.0.0.1:0 feeding one endpoint; the peer address is learned from traffic if unset. */
    private static final class UdpLink implements AutoCloseable {
        final DatagramSocket socket;
        volatile SocketAddress peer;
        volatile DtlsEndpoint endpoint;

        UdpLink() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        DtlsEndpoint endpoint(DtlsRole role, CertificateFingerprint remote, DtlsListener listener) {
            endpoint = DtlsEndpoint.builder().role(role).localCertificate(DtlsPair.CERT_A).remoteFingerprint(remote)
                    .listener(listener).handshakeExecutor(executor)
                    .config(DtlsConfig.builder().initialRetransmitMs(250).build())
                    .datagramPath(datagram -> {
                        byte[] bytes = new byte[datagram.remaining()];
                        datagram.get(bytes);
                        try {
                            socket.send(new DatagramPacket(bytes, bytes.length, peer));
                        } catch (IOException | IllegalArgumentException e) {
                            // Not sendable yet (peer unknown) or lost: DTLS retransmits.
                        }
                    }).build();
            Thread reader = new Thread(this::readLoop, "udp-reader-" + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
            return endpoint;
        }

        private void readLoop() {
            byte[] buf = new byte[65536];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            while (!socket.isClosed()) {
                try {
                    packet.setLength(buf.length);
                    socket.receive(packet);
                } catch (IOException closed) {
                    return;
                }
                if (peer == null) {
                    peer = packet.getSocketAddress();
                }
                endpoint.receive(ByteBuffer.wrap(buf, 0, packet.getLength()));
            }
        }

        @Override
        public void close() {
            if (endpoint != null) {
                endpoint.close();
            }
            socket.close();
        }
    }

    /** An openssl child process with its merged output collected line by line. */
    private static final class OpenSsl implements AutoCloseable {
        private final Process process;
        private final OutputStream stdin;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();

        private OpenSsl(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (all) {
                            all.add(line);
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // Process ended.
                }
            }, "openssl-output");
            reader.setDaemon(true);
            reader.start();
        }

        static OpenSsl start(List<String> command) throws IOException {
            return new OpenSsl(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        Matcher awaitLine(Pattern pattern, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            throw new AssertionError("openssl never printed " + pattern + "; output:\n" + output());
        }

        String output() {
            synchronized (all) {
                return String.join("\n", all).replace("CN = ", "CN=");
            }
        }

        void write(String text) throws IOException {
            stdin.write(text.getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
