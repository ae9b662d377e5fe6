/**
 * DTLS 1.2 for WebRTC DataChannels (RFC 6347; WebRTC profile RFC 8827 §6.5 and RFC 8842;
 * demultiplexing RFC 7983), built on BouncyCastle bctls and independent of ICE.
 *
 * <h2>User guide</h2>
 * <ol>
 *   <li>Create one {@link dev.netcode.webrtc.dtls.DtlsHandshakeExecutor} per process and one
 *       {@link dev.netcode.webrtc.dtls.DtlsCertificate} (ECDSA P-256, self-signed) per peer
 *       connection or per process. Put {@code a=fingerprint:} + {@code cert.fingerprint().toSdpValue()}
 *       and {@code a=setup:actpass} (offer) or {@code active}/{@code passive} (answer) in the local
 *       description.</li>
 *   <li>When the remote description is known, pick the role with
 *       {@link dev.netcode.webrtc.dtls.DtlsRole#fromRemoteSetup}, parse its fingerprint with
 *       {@link dev.netcode.webrtc.dtls.CertificateFingerprint#parse}, and build a
 *       {@link dev.netcode.webrtc.dtls.DtlsEndpoint} with a
 *       {@link dev.netcode.webrtc.dtls.DatagramPath} that sends on the selected ICE pair.</li>
 *   <li>Route every received datagram whose first byte is 20..63 to
 *       {@link dev.netcode.webrtc.dtls.DtlsEndpoint#receive}; call
 *       {@link dev.netcode.webrtc.dtls.DtlsEndpoint#start()} (as soon as ICE has a pair; datagrams
 *       fed earlier are queued).</li>
 *   <li>On {@link dev.netcode.webrtc.dtls.DtlsListener#onConnected}, start SCTP: its packets go out
 *       with {@link dev.netcode.webrtc.dtls.DtlsEndpoint#send} and come in through
 *       {@link dev.netcode.webrtc.dtls.DtlsListener#onApplicationData}.</li>
 *   <li>{@link dev.netcode.webrtc.dtls.DtlsEndpoint#close()} sends close_notify.</li>
 * </ol>
 *
 * <h2>Failures</h2>
 * Everything is reported once, through {@link dev.netcode.webrtc.dtls.DtlsListener#onFailed}, as a
 * {@link dev.netcode.webrtc.dtls.DtlsException}: {@link dev.netcode.webrtc.dtls.DtlsFingerprintMismatchException}
 * (remote certificate not the one signaled), {@link dev.netcode.webrtc.dtls.DtlsHandshakeTimeoutException}
 * (peer silent or too lossy), {@link dev.netcode.webrtc.dtls.DtlsAlertException} (a fatal alert,
 * sent or received). Hostile or broken datagrams never produce an exception: they are dropped and
 * counted ({@link dev.netcode.webrtc.dtls.DtlsEndpoint#datagramsDropped()}).
 *
 * <h2>Crypto back-end</h2>
 * {@link dev.netcode.webrtc.dtls.DtlsCryptoBackend#HYBRID} is the default: BouncyCastle's
 * lightweight EC code for the handshake (ECDHE, ECDSA) and the JDK's AES-GCM, which runs on
 * AES-NI/CLMUL intrinsics, for records. Measured on the 2-core CI machine under heavy load
 * (JMH, average time, 10 iterations; {@code dev.netcode.bench.dtls}):
 *
 * <pre>
 *   back-end   handshake (ms)   protect+unprotect 1200 B record (us)
 *   JCA         9.1 ± 4.9        9.6 ± 3.1
 *   BC          1.8 ± 1.1       76.8 ± 11.1
 *   HYBRID      2.1 ± 0.6       11.2 ± 2.8
 * </pre>
 *
 * <h2>Handshake speed</h2>
 * The default back-end takes work off the handshake's critical path (package {@code internal}):
 * X25519 ephemeral keys and ECDSA nonces ({@code k}, {@code x(k·G)}, {@code k⁻¹}) are precomputed on
 * a background thread in small bounded pools, each value used exactly once; the server picks X25519
 * whenever the client offers it; a returning peer's certificate key keeps BouncyCastle's
 * verification precomputation; our own key and certificate are parsed once per certificate. Two
 * endpoints in one JVM over memory, JIT-warm: handshake p50 1.1–1.2 ms before, 0.8 ms after. On a cold JVM
 * most of a handshake is BouncyCastle code not yet compiled by the JIT; servers may run
 * {@link dev.netcode.webrtc.dtls.DtlsWarmUp} at start.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li><b>renegotiation_info.</b> Chromium's BoringSSL requires secure renegotiation indication
 *       (RFC 5746). The client sends the empty {@code renegotiation_info} extension explicitly, not
 *       only the SCSV; the server echoes it. Renegotiation itself is never done.</li>
 *   <li><b>Blocking handshake.</b> BouncyCastle's {@code DTLSClientProtocol.connect} and
 *       {@code DTLSServerProtocol.accept} block until the handshake ends, so they run on the
 *       {@link dev.netcode.webrtc.dtls.DtlsHandshakeExecutor}, never on a Netty event loop. After the
 *       handshake no thread is held: records are processed on the caller's thread.</li>
 *   <li><b>The fingerprint is the only authentication.</b> Certificates are self-signed; a peer is
 *       trusted only because its certificate hashes to the {@code a=fingerprint} received over
 *       signaling. Anyone who can alter the signaling can impersonate the peer.</li>
 *   <li><b>MTU about 1200.</b> Handshake flights are fragmented to 1200-byte datagrams; application
 *       records add 37 bytes (13 header, 8 explicit nonce, 16 tag) to what SCTP hands down, so SCTP
 *       must size its packets for the path (Chromium uses about 1191 bytes).</li>
 *   <li><b>Roles.</b> The offerer says {@code actpass} and learns its role only from the answer; the
 *       answerer must say {@code active} or {@code passive} (browsers say {@code active}).</li>
 *   <li><b>Lossy handshakes with unpacked flights.</b> BouncyCastle switches to the next read epoch
 *       on ChangeCipherSpec and then drops epoch-0 retransmissions; if a client's last flight spans
 *       several datagrams and the CertificateVerify is lost while the ChangeCipherSpec arrives, the
 *       server stalls until the handshake timeout. Our endpoints pack each flight into one datagram
 *       (browsers do too), which avoids this; peers that send one record per datagram remain exposed.</li>
 *   <li><b>use_srtp.</b> Browsers offering SRTP protection profiles are fine: the server ignores the
 *       extension, since a DataChannel-only session exports no SRTP keys.</li>
 * </ul>
 */
package dev.netcode.webrtc.dtls;
