package dev.netcode.webrtc.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code RTCPeerConnection} living in a {@link ChromiumPage}, named by an id ({@code pc1}).
 * Methods mirror the W3C API; the ones that wait take a timeout and fail with a
 * {@link ChromiumHarnessException} carrying the state history when it passes.
 *
 * <p>Two signaling styles:
 * <ul>
 *   <li>Non-trickle: {@link #createOfferWithAllCandidates(Duration)} /
 *       {@link #createAnswerWithAllCandidates(Duration)} set the local description, wait until ICE
 *       gathering is complete and return the description with every candidate inside.</li>
 *   <li>Trickle: {@link #setLocalDescription()} then poll {@link #drainLocalCandidates()} and hand
 *       them to the other side; feed the other side's with {@link #addIceCandidate}.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #addIceCandidate} before {@link #setRemoteDescription} is rejected by the browser,
 *       as in real code: queue them on the Java side until then.</li>
 *   <li>Without a media permission Chromium's host candidates are {@code <uuid>.local} names that
 *       only it can resolve; a Java peer must accept Chromium's checks as peer-reflexive.</li>
 * </ul>
 */
public final class BrowserPeer {

    private final ChromiumPage page;
    private final String id;

    BrowserPeer(ChromiumPage page, String id) {
        this.page = page;
        this.id = id;
    }

    public String id() {
        return id;
    }

    public ChromiumPage page() {
        return page;
    }

    /** {@code createDataChannel(label)} with the browser's defaults (reliable, ordered). */
    public BrowserDataChannel createDataChannel(String label) {
        return createDataChannel(label, RtcDataChannelInit.reliable());
    }

    public BrowserDataChannel createDataChannel(String label, RtcDataChannelInit init) {
        String channelId = (String) page.invoke(ChromiumPage.QUICK_CALL, "createDataChannel", id, label, init.toJs());
        return new BrowserDataChannel(this, channelId, label);
    }

    /** {@code addTransceiver(kind)} ({@code "audio"} or {@code "video"}): puts a media section in the next offer. */
    public void addTransceiver(String kind) {
        page.invoke(ChromiumPage.QUICK_CALL, "addTransceiver", id, kind);
    }

    /** Whether {@code pc.sctp} exists and how many transceivers are not stopped. */
    public TransportFacts transportFacts() {
        Map<?, ?> r = (Map<?, ?>) page.invoke(ChromiumPage.QUICK_CALL, "transportFacts", id);
        return new TransportFacts(Boolean.TRUE.equals(r.get("sctp")), (int) ChromiumPage.asLong(r.get("activeTransceivers")));
    }

    /** {@code pc.sctp !== null}, and the count of transceivers whose {@code currentDirection} is not {@code stopped}. */
    public record TransportFacts(boolean sctp, int activeTransceivers) {
    }

    /** {@code createOffer()} without applying it. */
    public RtcSessionDescription createOffer() {
        return RtcSessionDescription.fromJs(page.invoke(ChromiumPage.QUICK_CALL, "createOffer", id));
    }

    /** {@code createAnswer()} without applying it. */
    public RtcSessionDescription createAnswer() {
        return RtcSessionDescription.fromJs(page.invoke(ChromiumPage.QUICK_CALL, "createAnswer", id));
    }

    /** Applies {@code description} locally; returns {@code localDescription} afterwards. */
    public RtcSessionDescription setLocalDescription(RtcSessionDescription description) {
        return RtcSessionDescription.fromJs(
                page.invoke(ChromiumPage.QUICK_CALL, "setLocalDescription", id, description.toJs()));
    }

    /** Implicit {@code setLocalDescription()}: creates and applies an offer or answer as the state requires. */
    public RtcSessionDescription setLocalDescription() {
        return RtcSessionDescription.fromJs(page.invoke(ChromiumPage.QUICK_CALL, "setLocalDescription", id, null));
    }

    public RtcSessionDescription setRemoteDescription(RtcSessionDescription description) {
        return RtcSessionDescription.fromJs(
                page.invoke(ChromiumPage.QUICK_CALL, "setRemoteDescription", id, description.toJs()));
    }

    /** Creates and applies an offer, waits for ICE gathering to complete, returns it with all candidates. */
    public RtcSessionDescription createOfferWithAllCandidates(Duration timeout) {
        setLocalDescription(createOffer());
        return awaitGatheringComplete(timeout);
    }

    /** Creates and applies an answer, waits for ICE gathering to complete, returns it with all candidates. */
    public RtcSessionDescription createAnswerWithAllCandidates(Duration timeout) {
        setLocalDescription(createAnswer());
        return awaitGatheringComplete(timeout);
    }

    /** Waits until {@code iceGatheringState} is {@code complete}; returns the local description then. */
    public RtcSessionDescription awaitGatheringComplete(Duration timeout) {
        return RtcSessionDescription.fromJs(
                page.invoke(timeout, "awaitGatheringComplete", id, timeout.toMillis()));
    }

    public void addIceCandidate(RtcIceCandidate candidate) {
        page.invoke(ChromiumPage.QUICK_CALL, "addIceCandidate", id, candidate.toJs());
    }

    /** Signals end-of-candidates ({@code addIceCandidate()} without argument). */
    public void addEndOfCandidates() {
        page.invoke(ChromiumPage.QUICK_CALL, "addIceCandidate", id, null);
    }

    /** Local candidates gathered since the previous call (trickle). */
    public CandidateBatch drainLocalCandidates() {
        Map<?, ?> r = (Map<?, ?>) page.invoke(ChromiumPage.QUICK_CALL, "drainCandidates", id);
        List<RtcIceCandidate> candidates = ((List<?>) r.get("candidates")).stream().map(RtcIceCandidate::fromJs).toList();
        return new CandidateBatch(candidates, Boolean.TRUE.equals(r.get("complete")));
    }

    /** Local candidates of one drain, and whether gathering has completed (no more will come). */
    public record CandidateBatch(List<RtcIceCandidate> candidates, boolean gatheringComplete) {
    }

    public RtcSessionDescription localDescription() {
        return RtcSessionDescription.fromJs(page.invoke(ChromiumPage.QUICK_CALL, "localDescription", id));
    }

    public RtcSessionDescription remoteDescription() {
        return RtcSessionDescription.fromJs(page.invoke(ChromiumPage.QUICK_CALL, "remoteDescription", id));
    }

    /** A snapshot of the connection's states and its recent state-change history. */
    public PeerState state() {
        Map<?, ?> r = (Map<?, ?>) page.invoke(ChromiumPage.QUICK_CALL, "peerState", id);
        return new PeerState((String) r.get("connectionState"), (String) r.get("iceConnectionState"),
                (String) r.get("iceGatheringState"), (String) r.get("signalingState"),
                (int) ChromiumPage.asLong(r.get("localCandidates")),
                ((List<?>) r.get("candidateErrors")).stream().map(String::valueOf).toList(),
                ((List<?>) r.get("log")).stream().map(String::valueOf).toList());
    }

    /**
     * Every report of {@code getStats()} as a map ({@code type}, {@code id}, and the fields of
     * that report type, e.g. {@code candidate-pair}, {@code transport}, {@code data-channel}).
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> stats() {
        return (List<Map<String, Object>>) page.invoke(ChromiumPage.QUICK_CALL, "stats", id);
    }

    /**
     * The ICE candidate pair the browser selected (from {@code getStats()}), or null before one is
     * selected. Shows whether a connection really runs over loopback, a peer-reflexive candidate or
     * a relay.
     */
    public CandidatePair selectedCandidatePair() {
        Map<?, ?> r = (Map<?, ?>) page.invoke(ChromiumPage.QUICK_CALL, "selectedCandidatePair", id);
        if (r == null) {
            return null;
        }
        Object rtt = r.get("currentRoundTripTimeMs");
        return new CandidatePair(endpoint(r.get("local")), endpoint(r.get("remote")), (String) r.get("state"),
                Boolean.TRUE.equals(r.get("nominated")), rtt == null ? Double.NaN : ChromiumPage.asDouble(rtt));
    }

    private static CandidateEndpoint endpoint(Object value) {
        Map<?, ?> m = (Map<?, ?>) value;
        Object port = m.get("port");
        return new CandidateEndpoint((String) m.get("address"), port == null ? 0 : (int) ChromiumPage.asLong(port),
                (String) m.get("type"), (String) m.get("protocol"));
    }

    /** One side of a candidate pair: address (IP or mDNS name), port, type ({@code host}, {@code prflx}...), protocol. */
    public record CandidateEndpoint(String address, int port, String type, String protocol) {
    }

    /** The selected pair; {@code currentRoundTripTimeMs} is the browser's STUN RTT estimate (NaN if unknown). */
    public record CandidatePair(CandidateEndpoint local, CandidateEndpoint remote, String state, boolean nominated,
            double currentRoundTripTimeMs) {
    }

    /** States of an {@code RTCPeerConnection}; {@code history} holds the latest state changes with page timestamps. */
    public record PeerState(String connectionState, String iceConnectionState, String iceGatheringState,
            String signalingState, int localCandidates, List<String> candidateErrors, List<String> history) {
    }

    public String connectionState() {
        return state().connectionState();
    }

    public String iceConnectionState() {
        return state().iceConnectionState();
    }

    /**
     * Waits until {@code connectionState} is one of {@code wanted}; fails early when it becomes
     * {@code failed} or {@code closed} and that was not wanted.
     */
    public String awaitConnectionState(Duration timeout, String... wanted) {
        return (String) page.invoke(timeout, "awaitPeerState", id, "connectionState", List.of(wanted), timeout.toMillis());
    }

    /** Like {@link #awaitConnectionState} for {@code iceConnectionState}. */
    public String awaitIceConnectionState(Duration timeout, String... wanted) {
        return (String) page.invoke(timeout, "awaitPeerState", id, "iceConnectionState", List.of(wanted), timeout.toMillis());
    }

    /** Waits for the {@code datachannel} event of a channel the remote side opened with {@code label}. */
    public BrowserDataChannel awaitRemoteChannel(String label, Duration timeout) {
        String channelId = (String) page.invoke(timeout, "awaitRemoteChannel", id, label, timeout.toMillis());
        return new BrowserDataChannel(this, channelId, label);
    }

    /** {@code close()}; the peer and its channels are forgotten by the page. */
    public void close() {
        page.invoke(ChromiumPage.QUICK_CALL, "closePeer", id);
    }

    @Override
    public String toString() {
        return "BrowserPeer[" + id + "]";
    }
}
