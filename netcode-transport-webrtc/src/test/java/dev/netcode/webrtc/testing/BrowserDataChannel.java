package dev.netcode.webrtc.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One {@code RTCDataChannel} in the page (a local one from {@link BrowserPeer#createDataChannel}
 * or a remote one from {@link BrowserPeer#awaitRemoteChannel}).
 *
 * <p>Each channel has a receive mode: {@code collect} (default: messages are buffered in the
 * page, bounded, and read with {@link #awaitMessages}/{@link #drainMessages}), {@code echo} (each
 * message goes straight back, same type) or {@code discard} (only counted).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code send} on a channel that is not {@code open} throws in the browser and so here.</li>
 *   <li>Messages travel Java→page as base64 over chromedriver: fine for tests, not for
 *       measurements. Measure with {@link ChromiumPage#measureThroughput} and
 *       {@link ChromiumPage#measureRtt}, which stay inside the page.</li>
 * </ul>
 */
public final class BrowserDataChannel {

    private final BrowserPeer peer;
    private final String id;
    private final String label;

    BrowserDataChannel(BrowserPeer peer, String id, String label) {
        this.peer = peer;
        this.id = id;
        this.label = label;
    }

    /** The harness id ({@code dc3}); not the SCTP stream id, see {@link ChannelState#streamId()}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public BrowserPeer peer() {
        return peer;
    }

    private ChromiumPage page() {
        return peer.page();
    }

    /** Sends string messages in order; returns {@code bufferedAmount} afterwards. */
    public long sendText(String... messages) {
        return ChromiumPage.asLong(page().invoke(ChromiumPage.QUICK_CALL, "sendText", id, List.of(messages)));
    }

    /** Sends binary messages in order; returns {@code bufferedAmount} afterwards. */
    public long sendBinary(byte[]... messages) {
        List<String> encoded = new ArrayList<>(messages.length);
        for (byte[] message : messages) {
            encoded.add(Base64.getEncoder().encodeToString(message));
        }
        return ChromiumPage.asLong(page().invoke(ChromiumPage.QUICK_CALL, "sendBinary", id, encoded));
    }

    /** Waits until {@code count} messages are buffered and removes them, oldest first. */
    public List<BrowserMessage> awaitMessages(int count, Duration timeout) {
        List<?> raw = (List<?>) page().invoke(timeout, "awaitMessages", id, count, timeout.toMillis());
        return raw.stream().map(BrowserMessage::fromJs).toList();
    }

    /** Removes and returns up to {@code max} buffered messages without waiting. */
    public List<BrowserMessage> drainMessages(int max) {
        List<?> raw = (List<?>) page().invoke(ChromiumPage.QUICK_CALL, "drainMessages", id, max);
        return raw.stream().map(BrowserMessage::fromJs).toList();
    }

    /** Switch to echo mode: every message received is sent back with the same type. */
    public void echo() {
        page().invoke(ChromiumPage.QUICK_CALL, "setChannelMode", id, "echo");
    }

    /** Switch to discard mode: messages are only counted. */
    public void discard() {
        page().invoke(ChromiumPage.QUICK_CALL, "setChannelMode", id, "discard");
    }

    /** Switch back to collect mode (the default). */
    public void collect() {
        page().invoke(ChromiumPage.QUICK_CALL, "setChannelMode", id, "collect");
    }

    public void setBufferedAmountLowThreshold(long bytes) {
        page().invoke(ChromiumPage.QUICK_CALL, "setBufferedAmountLowThreshold", id, bytes);
    }

    public ChannelState state() {
        Map<?, ?> r = (Map<?, ?>) page().invoke(ChromiumPage.QUICK_CALL, "channelState", id);
        return new ChannelState((String) r.get("label"), (String) r.get("protocol"), intOrNull(r.get("streamId")),
                (String) r.get("readyState"), Boolean.TRUE.equals(r.get("ordered")), intOrNull(r.get("maxRetransmits")),
                intOrNull(r.get("maxPacketLifeTime")), Boolean.TRUE.equals(r.get("negotiated")),
                ChromiumPage.asLong(r.get("bufferedAmount")), ChromiumPage.asLong(r.get("bufferedAmountLowThreshold")),
                ChromiumPage.asLong(r.get("bufferedAmountLowEvents")), ChromiumPage.asLong(r.get("receivedMessages")),
                ChromiumPage.asLong(r.get("receivedBytes")), ChromiumPage.asLong(r.get("overflow")),
                ((List<?>) r.get("errors")).stream().map(String::valueOf).toList());
    }

    /**
     * A snapshot of the channel. {@code receivedBytes} counts UTF-16 units for strings and bytes
     * for binary; {@code overflow} counts messages dropped because the page buffer was full.
     */
    public record ChannelState(String label, String protocol, Integer streamId, String readyState, boolean ordered,
            Integer maxRetransmits, Integer maxPacketLifeTime, boolean negotiated, long bufferedAmount,
            long bufferedAmountLowThreshold, long bufferedAmountLowEvents, long receivedMessages, long receivedBytes,
            long overflow, List<String> errors) {
    }

    public String readyState() {
        return state().readyState();
    }

    /** Waits until {@code readyState} is {@code open}; fails early if it closes. */
    public void awaitOpen(Duration timeout) {
        page().invoke(timeout, "awaitChannelState", id, List.of("open"), timeout.toMillis());
    }

    /** Waits until {@code readyState} is {@code closed}. */
    public void awaitClosed(Duration timeout) {
        page().invoke(timeout, "awaitChannelState", id, List.of("closed"), timeout.toMillis());
    }

    public void close() {
        page().invoke(ChromiumPage.QUICK_CALL, "closeChannel", id);
    }

    /** Convenience for tests: UTF-8 bytes of {@code text}. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Integer intOrNull(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    @Override
    public String toString() {
        return "BrowserDataChannel[" + id + " '" + label + "' of " + peer.id() + "]";
    }
}
