package dev.netcode.webrtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * Writes the offers and answers of a data-only WebRTC session per JSEP (RFC 8829 §5.2, §5.3) and
 * RFC 8841. An offer looks like what Chromium writes for {@code createDataChannel} alone:
 *
 * <pre>
 *   v=0
 *   o=- 4611731400430051336 1 IN IP4 127.0.0.1
 *   s=-
 *   t=0 0
 *   a=group:BUNDLE 0
 *   m=application 9 UDP/DTLS/SCTP webrtc-datachannel
 *   c=IN IP4 0.0.0.0
 *   a=candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host
 *   a=end-of-candidates
 *   a=ice-ufrag:EsAw
 *   a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1
 *   a=ice-options:trickle
 *   a=fingerprint:sha-256 2F:50:...:5B
 *   a=setup:actpass
 *   a=mid:0
 *   a=sctp-port:5000
 *   a=max-message-size:262144
 * </pre>
 *
 * <h2>Answering offers that carry audio or video</h2>
 * A browser application may offer audio and video next to its data channel. We only do data, so
 * {@link #createAnswer} keeps every offered m-line, in order (RFC 3264 §6: the answer has as many
 * m-lines as the offer), rejects each that is not the first usable data section by setting its port
 * to 0 with the offer's media, proto and formats, {@code c=IN IP4 0.0.0.0} and its {@code a=mid}
 * (RFC 8829 §5.3.1), and lists only the data mid in {@code a=group:BUNDLE} (RFC 8843: a
 * rejected section leaves the group).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A second data section in one offer is rejected too: one SCTP association per
 *       session.</li>
 *   <li>The answer's {@code a=setup} is never {@code actpass}: see {@link #answerSetup}.</li>
 *   <li>Only the RFC 8841 format is answered. The pre-standard one
 *       ({@code m=application 9 DTLS/SCTP 5000} with {@code a=sctpmap}, browsers before 2017) is
 *       not recognized as a data section, so such an offer gets an {@link SdpNegotiationException}.</li>
 *   <li>The answer copies the offer's proto ({@code UDP/DTLS/SCTP} or {@code TCP/DTLS/SCTP}) as
 *       RFC 8829 §5.3.1 requires; with ICE the proto does not constrain the candidates used.</li>
 * </ul>
 */
public final class DataChannelSdp {
    private DataChannelSdp() {
    }

    /** A data-only offer: one {@code m=application} section, {@code a=setup:actpass} (RFC 8842 §5). */
    public static SessionDescription createOffer(DataSessionParameters local) {
        SessionDescription.Builder sd = sessionHeader(local);
        sd.attribute("group", SessionDescription.BUNDLE + " " + local.mid());
        sd.media(dataSection(local, MediaDescription.dataChannel(local.defaultPort()), local.mid(), SetupRole.ACTPASS));
        return sd.build();
    }

    /**
     * Answers {@code offer} with our data section and every other offered section rejected.
     *
     * @throws SdpNegotiationException if the offer has no usable data section, or its DTLS role
     *         leaves none for us ({@code holdconn})
     */
    public static SessionDescription createAnswer(SessionDescription offer, DataSessionParameters local)
            throws SdpNegotiationException {
        DataSection remote = offer.dataSection();
        SetupRole setup = answerSetup(remote.setupOrDefault(true), local.setup());
        SessionDescription.Builder sd = sessionHeader(local);
        String dataMid = remote.mid();
        if (dataMid != null && offer.bundleGroupOf(dataMid).isPresent()) {
            sd.attribute("group", SessionDescription.BUNDLE + " " + dataMid);
        }
        List<MediaDescription> offered = offer.media();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription m = offered.get(i);
            if (i == remote.mediaIndex()) {
                MediaDescription.Builder b = MediaDescription.builder(m.media(), local.defaultPort(), m.proto(), m.formats());
                sd.media(dataSection(local, b, dataMid, setup));
            } else {
                sd.media(rejected(m));
            }
        }
        return sd.build();
    }

    /**
     * The answerer's DTLS role (RFC 8842 §5, RFC 4145 §4.1): the opposite of an {@code active} or
     * {@code passive} offer; for {@code actpass} our preference if it is active or passive, else
     * {@code active} (the JSEP default, RFC 8829 §5.3.1).
     *
     * @throws SdpNegotiationException for an offer that says {@code holdconn}
     */
    public static SetupRole answerSetup(SetupRole offered, SetupRole preferred) throws SdpNegotiationException {
        switch (offered) {
            case ACTIVE:
                return SetupRole.PASSIVE;
            case PASSIVE:
                return SetupRole.ACTIVE;
            case ACTPASS:
                return preferred == SetupRole.PASSIVE ? SetupRole.PASSIVE : SetupRole.ACTIVE;
            default:
                throw new SdpNegotiationException("offer says a=setup:holdconn: no DTLS connection can be set up");
        }
    }

    /** The section an answer writes for an offered section it does not accept. */
    public static MediaDescription rejected(MediaDescription offered) {
        MediaDescription.Builder b = MediaDescription.builder(offered.media(), 0, offered.proto(), offered.formats());
        b.numberOfPorts(-1).connection(ConnectionData.UNSPECIFIED);
        Optional<String> mid = offered.mid();
        mid.ifPresent(x -> b.attribute("mid", x));
        return b.build();
    }

    private static SessionDescription.Builder sessionHeader(DataSessionParameters local) {
        SessionDescription.Builder sd = SessionDescription.builder(Origin.jsep(local.sessionId(), local.sessionVersion()));
        if (local.iceLite()) {
            sd.flag("ice-lite");
        }
        return sd;
    }

    private static MediaDescription dataSection(DataSessionParameters local, MediaDescription.Builder b, String mid,
            SetupRole setup) {
        b.connection(ConnectionData.of(local.defaultAddress()));
        for (String c : local.candidates()) {
            b.attribute("candidate", c);
        }
        if (local.endOfCandidates()) {
            b.flag("end-of-candidates");
        }
        b.attribute("ice-ufrag", local.iceUfrag());
        b.attribute("ice-pwd", local.icePwd());
        if (local.trickle()) {
            b.attribute("ice-options", "trickle");
        }
        for (String f : local.fingerprints()) {
            b.attribute("fingerprint", f);
        }
        b.attribute("setup", setup.sdpValue());
        if (mid != null) {
            b.attribute("mid", mid);
        }
        b.attribute("sctp-port", Integer.toString(local.sctpPort()));
        b.attribute("max-message-size", Long.toString(local.maxMessageSizeBytes()));
        return b.build();
    }
}
