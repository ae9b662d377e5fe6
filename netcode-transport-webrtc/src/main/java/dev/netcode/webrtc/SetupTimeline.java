package dev.netcode.webrtc;

/**
 * When one {@link PeerConnection} reached each connection-setup milestone, in
 * {@link System#nanoTime()} units; 0 means "not (yet) reached". Read it with
 * {@link PeerConnection#setupTimeline()} to see where setup time goes.
 *
 * <pre>{@code
 * SetupTimeline t = pc.setupTimeline();
 * long iceUs = t.sinceCreationUs(t.iceConnectedNs());
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Values come from different threads (the event loop, the DTLS handshake executor); each
 *       is written once, so a snapshot taken mid-setup may show later milestones as 0.</li>
 *   <li>Compare timelines of two connections only in the same JVM: {@code nanoTime} has no
 *       common origin across processes.</li>
 * </ul>
 *
 * @param createdNs           the connection object was created
 * @param gatheringStartNs    ICE gathering started (at {@code setLocalDescription})
 * @param gatheringCompleteNs ICE gathering completed
 * @param iceWritableNs       ICE could first send (a candidate pair was valid; usually before nomination)
 * @param iceConnectedNs      ICE reached connected (a pair was nominated)
 * @param dtlsStartNs         the DTLS handshake was started
 * @param dtlsConnectedNs     DTLS reported connected on the event loop
 * @param sctpUpNs            the SCTP association was established
 */
public record SetupTimeline(long createdNs, long gatheringStartNs, long gatheringCompleteNs, long iceWritableNs,
        long iceConnectedNs,
        long dtlsStartNs, long dtlsConnectedNs, long sctpUpNs) {

    /** Microseconds from {@link #createdNs()} to {@code milestoneNs}, or -1 when not reached. */
    public long sinceCreationUs(long milestoneNs) {
        return milestoneNs == 0 ? -1 : (milestoneNs - createdNs) / 1_000;
    }
}
