/**
 * The public API of the WebRTC transport: a W3C-like {@link dev.netcode.webrtc.PeerConnection} for
 * data channels, written in Java on Netty UDP and BouncyCastle DTLS.
 *
 * <h2>User guide</h2>
 * <ol>
 *   <li>Build one {@link dev.netcode.webrtc.PeerConnectionConfig} (everything non-standard lives
 *       there: sockets or a shared single-port {@link dev.netcode.webrtc.ice.IceUdpMux}, ICE-lite,
 *       STUN servers, consent timeouts, certificate, crypto back-end, threads) and create a
 *       {@link dev.netcode.webrtc.PeerConnection} per remote peer with a
 *       {@link dev.netcode.webrtc.PeerConnectionListener}.</li>
 *   <li>Signal as in a browser: the offerer calls {@code createOffer} and
 *       {@code setLocalDescription}, the answerer {@code setRemoteDescription}, {@code createAnswer}
 *       and {@code setLocalDescription}, the offerer {@code setRemoteDescription}. Every call
 *       returns a {@link java.util.concurrent.CompletableFuture}; bad SDP fails it with
 *       {@link dev.netcode.webrtc.InvalidDescriptionException}, calls out of order with
 *       {@link dev.netcode.webrtc.InvalidStateException}.</li>
 *   <li>Candidates: either trickle them ({@link dev.netcode.webrtc.PeerConnectionListener#onIceCandidate}
 *       → signaling → {@link dev.netcode.webrtc.PeerConnection#addIceCandidate}, the last one being
 *       the end-of-candidates marker), or send
 *       {@link dev.netcode.webrtc.PeerConnection#localDescriptionWithAllCandidates()} instead of the
 *       bare description (non-trickle, what the webrtc-echoes contract and simple HTTP signaling
 *       use).</li>
 *   <li>Wait for {@link dev.netcode.webrtc.PeerConnection#connected()} or watch
 *       {@link dev.netcode.webrtc.PeerConnectionState}: CONNECTED means ICE has a pair and DTLS
 *       finished with the peer's certificate matching its {@code a=fingerprint}.</li>
 *   <li>{@link dev.netcode.webrtc.PeerConnection#close()} when done.</li>
 * </ol>
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li>Each connection belongs to one Netty event loop ({@link dev.netcode.webrtc.PeerConnection#eventLoop()}):
 *       its ICE agent, its state and the DTLS record processing run there, so no lock guards them.
 *       A loop serves many connections; there is no thread per connection.</li>
 *   <li>BouncyCastle's DTLS handshake blocks, so it runs on the bounded
 *       {@link dev.netcode.webrtc.dtls.DtlsHandshakeExecutor}; its outcome is posted back to the
 *       loop. Nothing ever blocks a loop.</li>
 *   <li>Listener callbacks run on {@link dev.netcode.webrtc.PeerConnectionConfig#callbackExecutor()},
 *       the connection's loop by default (cheap, ordered; do not block in them). A game hands them
 *       to its own thread with a queue executor.</li>
 *   <li>Futures complete on the loop: {@code join()} them from other threads only.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li><b>mDNS host candidates.</b> Chromium and Firefox replace their host address with a random
 *       {@code <uuid>.local} name. We do not resolve mDNS; the connection still comes up because
 *       the browser's connectivity checks reach our host candidate and we learn its real address as
 *       a <b>peer-reflexive</b> candidate (RFC 8445 §7.3.1.3). Consequence: our candidates must be
 *       reachable from the browser. On a loopback-only machine, Chromium has no usable candidate of
 *       its own at all; only the peer-reflexive path works.</li>
 *   <li><b>ICE-lite is for hosts.</b> A dedicated server with a public address runs lite on one UDP
 *       port ({@link dev.netcode.webrtc.PeerConnectionConfig.Builder#udpMux}); browsers and clients
 *       behind NAT must stay full. A lite agent is always controlled; the full peer nominates.</li>
 *   <li><b>Loopback.</b> Interface enumeration skips loopback unless
 *       {@code includeLoopback(true)}; tests pin {@code hostAddresses(127.0.0.1)}.</li>
 *   <li><b>Consent.</b> A silent peer is DISCONNECTED after {@code disconnectedTimeoutMs} and FAILED
 *       after {@code failedTimeoutMs} (RFC 7675); there is no ICE restart, create a new connection.</li>
 *   <li><b>Fingerprints are the authentication.</b> Whoever controls signaling controls who you
 *       talk to; use an authenticated signaling channel.</li>
 *   <li><b>Data channels.</b> {@link dev.netcode.webrtc.PeerConnection#createDataChannel} and
 *       {@link dev.netcode.webrtc.PeerConnectionListener#onDataChannel} run on the built-in SCTP
 *       association, started when DTLS connects. Create channels only after both descriptions are
 *       applied (the DTLS role picks the stream-id parity), and touch a channel only on the
 *       connection's event loop. Setting
 *       {@link dev.netcode.webrtc.PeerConnection#setApplicationDataListener} diverts DTLS records
 *       away from it (for a custom layer above DTLS).</li>
 * </ul>
 */
package dev.netcode.webrtc;
