package dev.netcode.webrtc.impairment;

/**
 * A snapshot of a {@link UdpImpairmentRelay}'s counters (datagrams, both directions together
 * unless named).
 *
 * <p>Accounting identity once the relay is idle (nothing queued):
 * {@code received = dropped + overflowDropped + unknownSourceDropped + (forwarded - duplicated) + sendErrors}
 * where a send error counts a datagram that could not be sent.
 *
 * @param received datagrams read from the socket
 * @param forwarded datagrams sent on, duplicates included
 * @param forwardedToTarget of {@code forwarded}, towards the target
 * @param forwardedToClient of {@code forwarded}, towards the client
 * @param dropped discarded by the configured loss
 * @param duplicated extra copies scheduled
 * @param reordered datagrams held back behind their successor
 * @param overflowDropped refused because the queue caps were reached
 * @param unknownSourceDropped from a third address, or from the target before any client spoke
 * @param sendErrors sends that failed (the datagram is lost)
 * @param queued datagrams waiting in the relay now
 * @param queuedBytes payload bytes waiting in the relay now
 */
public record ImpairmentCounters(long received, long forwarded, long forwardedToTarget, long forwardedToClient,
        long dropped, long duplicated, long reordered, long overflowDropped, long unknownSourceDropped,
        long sendErrors, int queued, long queuedBytes) {
}
