package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Java-to-Java DTLS over real loopback UDP sockets (port 0), with RFC 7983 demultiplexing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsEndpointUdpTest {
    private static final long SEED = Long.getLong("netcode.seed", 0x0dd5L);
    private static DtlsHandshakeExecutor executor;

    @BeforeAll
    static void setUp() {
        System.out.println("DtlsEndpointUdpTest seed=" + SEED);
        executor = DtlsHandshakeExecutor.createDefault();
    }

    @AfterAll
    static void tearDown() {
        executor.close();
    }

    @ParameterizedTest(name = "first socket plays {0}")
    @EnumSource(DtlsRole.class)
    void handshakeAndDataOverLoopbackUdp(DtlsRole roleOfA) throws Exception {
        try (UdpPeer a = new UdpPeer(); UdpPeer b = new UdpPeer()) {
            a.connect(roleOfA, DtlsPair.CERT_A, DtlsPair.CERT_B.fingerprint(), b.address());
            b.connect(roleOfA.opposite(), DtlsPair.CERT_B, DtlsPair.CERT_A.fingerprint(), a.address());
            a.endpoint.start();
            b.endpoint.start();
            a.listener.connected.get(20, TimeUnit.SECONDS);
            b.listener.connected.get(20, TimeUnit.SECONDS);
            assertThat(a.endpoint.remoteFingerprintVerified()).isTrue();
            assertThat(b.endpoint.remoteFingerprintVerified()).isTrue();

            // A STUN binding request on the same port goes elsewhere per RFC 7983, not into DTLS.
            byte[] stun = new byte[20];
            stun[1] = 1;
            a.socket.send(new DatagramPacket(stun, stun.length, b.address()));

            // Loopback UDP may drop under load; send in modest bursts and let each arrive.
            Random random = new Random(SEED);
            DtlsEndpointTest.exchange(a.endpoint, b.listener, 200, 1200, random);
            DtlsEndpointTest.exchange(b.endpoint, a.listener, 200, 1200, random);
            assertThat(b.nonDtls).isEqualTo(1);
            assertThat(b.listener.applicationDataThread.getName()).startsWith("udp-reader");

            a.endpoint.close();
            assertThat(b.listener.closed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A UDP socket on 127.0.0.1:0 whose reader thread feeds a {@link DtlsEndpoint}. */
    private static final class UdpPeer implements AutoCloseable {
        final DatagramSocket socket;
        final RecordingListener listener = new RecordingListener();
        volatile DtlsEndpoint endpoint;
        volatile int nonDtls;
        private final Thread reader;

        UdpPeer() throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(1 << 20);
            reader = new Thread(this::readLoop, "udp-reader-" + socket.getLocalPort());
            reader.setDaemon(true);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        void connect(DtlsRole role, DtlsCertificate cert, CertificateFingerprint remote, InetSocketAddress peer) {
            DatagramPath path = datagram -> {
                byte[] bytes = new byte[datagram.remaining()];
                datagram.get(bytes);
                try {
                    socket.send(new DatagramPacket(bytes, bytes.length, peer));
                } catch (IOException e) {
                    // Lost like any UDP datagram; DTLS retransmits the handshake.
                }
            };
            endpoint = DtlsEndpoint.builder().role(role).localCertificate(cert).remoteFingerprint(remote)
                    .datagramPath(path).listener(listener).handshakeExecutor(executor)
                    .config(DtlsConfig.builder().initialRetransmitMs(250).build()).build();
            reader.start();
        }

        private void readLoop() {
            byte[] buf = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            while (!socket.isClosed()) {
                try {
                    packet.setLength(buf.length);
                    socket.receive(packet);
                } catch (IOException closed) {
                    return;
                }
                int first = buf[0] & 0xff;
                // RFC 7983 §7: 0..3 STUN, 20..63 DTLS.
                if (packet.getLength() > 0 && first >= 20 && first <= 63) {
                    endpoint.receive(ByteBuffer.wrap(buf, 0, packet.getLength()));
                } else {
                    nonDtls++;
                }
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
}
