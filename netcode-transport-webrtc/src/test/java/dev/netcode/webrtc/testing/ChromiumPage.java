package dev.netcode.webrtc.testing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * The harness page in a {@link ChromiumBrowser}: the Java side of {@code harness.js}. It creates
 * {@link BrowserPeer}s ({@code RTCPeerConnection}s living in the page, any number of them) and
 * runs in-page measurements.
 *
 * <pre>{@code
 * BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
 * BrowserDataChannel chat = browser.createDataChannel("chat");
 * RtcSessionDescription offer = browser.createOfferWithAllCandidates(Duration.ofSeconds(5));
 * RtcSessionDescription answer = javaPeer.answer(offer);          // the peer under test
 * browser.setRemoteDescription(answer);
 * browser.awaitConnectionState("connected", Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Every call is one {@code executeAsyncScript} round trip to chromedriver (a few ms). All waits
 * run inside the page, polling every 5 ms against a deadline the caller gives; a failure or
 * timeout throws {@link ChromiumHarnessException} with the browser's error, the peer's state
 * history and the tail of the page console.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: chromedriver serialises commands anyway; drive a page from one thread.</li>
 *   <li>{@link #closeAllPeers()} between tests: peers otherwise live as long as the page.</li>
 *   <li>Received messages are buffered in the page up to a bound (10,000 per channel by
 *       default); beyond it they are counted as overflow and dropped, and
 *       {@link BrowserDataChannel#awaitMessages} fails. Switch a channel to echo or discard mode
 *       for bulk traffic.</li>
 * </ul>
 */
public final class ChromiumPage {

    /** Extra time given to chromedriver beyond the in-page deadline before Selenium gives up. */
    private static final Duration SCRIPT_TIMEOUT_MARGIN = Duration.ofSeconds(15);
    /** Timeout for calls that do not wait for anything. */
    static final Duration QUICK_CALL = Duration.ofSeconds(15);

    private final WebDriver driver;
    private final JavascriptExecutor js;
    private final URI pageUri;
    private Duration scriptTimeout = Duration.ZERO;

    ChromiumPage(WebDriver driver, URI pageUri) {
        this.driver = driver;
        this.js = (JavascriptExecutor) driver;
        this.pageUri = pageUri;
    }

    /** The page's address ({@code http://127.0.0.1:<port>/}). */
    public URI uri() {
        return pageUri;
    }

    /** Reloads the page: every peer and channel in it is gone afterwards. */
    public void reload() {
        driver.get(pageUri.toString());
        Object ready = js.executeScript("return !!(window.nc && window.nc.ready);");
        if (!Boolean.TRUE.equals(ready)) {
            throw new ChromiumHarnessException("harness script did not load from " + pageUri, List.of(), null);
        }
    }

    /** Creates an {@code RTCPeerConnection} in the page that collects incoming messages. */
    public BrowserPeer createPeer(RtcConfiguration configuration) {
        return createPeer(configuration, false, 10_000);
    }

    /**
     * Creates an {@code RTCPeerConnection} in the page.
     *
     * @param echoIncoming channels opened by the remote side echo every message back, same type
     * @param maxQueuedMessages bound of each channel's receive buffer in the page
     */
    public BrowserPeer createPeer(RtcConfiguration configuration, boolean echoIncoming, int maxQueuedMessages) {
        if (maxQueuedMessages < 1) {
            throw new IllegalArgumentException("maxQueuedMessages must be positive: " + maxQueuedMessages);
        }
        String id = (String) invoke(QUICK_CALL, "createPeer", configuration.toJs(),
                Map.of("echoIncoming", echoIncoming, "maxQueuedMessages", maxQueuedMessages));
        return new BrowserPeer(this, id);
    }

    /** An echo peer: every channel the remote side opens echoes each message back. */
    public BrowserPeer createEchoPeer(RtcConfiguration configuration) {
        return createPeer(configuration, true, 10_000);
    }

    /**
     * Calls {@code getUserMedia({audio: true})} once and stops the track. Needs a browser started
     * with {@link ChromiumBrowser.Options#withFakeMedia()}. Afterwards Chromium lists raw host
     * addresses (loopback too) instead of mDNS names.
     *
     * @return the number of tracks obtained (1)
     */
    public int requestAudioPermission() {
        return ((Number) invoke(QUICK_CALL, "requestAudio")).intValue();
    }

    /**
     * Connects two peers of this page to each other: offer from {@code offerer}, answer from
     * {@code answerer}, candidates trickled across inside the page. Create at least one data
     * channel on the offerer first (else there is nothing to negotiate).
     */
    public void connectPair(BrowserPeer offerer, BrowserPeer answerer, Duration timeout) {
        connectPair(offerer, answerer, timeout, false);
    }

    /**
     * Like {@link #connectPair(BrowserPeer, BrowserPeer, Duration)}; with {@code loopbackOnly}
     * only UDP candidates on 127.0.0.1 or ::1 are passed across (the SDPs are stripped of
     * candidates), so the pair is forced onto loopback. Needs raw host candidates, i.e. a media
     * permission ({@link #requestAudioPermission()}).
     */
    public void connectPair(BrowserPeer offerer, BrowserPeer answerer, Duration timeout, boolean loopbackOnly) {
        invoke(timeout, "connectPair", offerer.id(), answerer.id(), timeout.toMillis(), loopbackOnly);
    }

    /** Closes every peer of the page (channels included). */
    public void closeAllPeers() {
        invoke(QUICK_CALL, "closeAll");
    }

    /** The page console (console.*, uncaught errors, harness errors), bounded, oldest first. */
    @SuppressWarnings("unchecked")
    public List<String> consoleLog() {
        try {
            Object lines = js.executeScript("return window.nc ? window.nc.invoke('console', []).then(r => r.value) : [];");
            return lines == null ? List.of() : List.copyOf((List<String>) lines);
        } catch (WebDriverException e) {
            return List.of("(console unavailable: " + firstLine(e.getMessage()) + ")");
        }
    }

    /**
     * Facts about the page: {@code userAgent}, {@code crossOriginIsolated} (true: 5 µs timer
     * resolution), {@code secureContext}, and how many peers and channels are alive.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> environment() {
        return (Map<String, Object>) invoke(QUICK_CALL, "environment");
    }

    /**
     * Bulk throughput from {@code sender} to {@code receiver} (two ends of one channel, both in
     * this page): sends {@code totalBytes} in binary messages of {@code sizeBytes}, with
     * {@code bufferedAmountLowThreshold} flow control, and times until the last byte arrived.
     */
    public ThroughputResult measureThroughput(BrowserDataChannel sender, BrowserDataChannel receiver,
            int sizeBytes, long totalBytes, Duration timeout) {
        if (sizeBytes < 1 || totalBytes < sizeBytes) {
            throw new IllegalArgumentException("need 1 <= sizeBytes <= totalBytes: " + sizeBytes + ", " + totalBytes);
        }
        Map<?, ?> r = (Map<?, ?>) invoke(timeout, "benchThroughput", sender.id(), receiver.id(), sizeBytes,
                totalBytes, timeout.toMillis());
        return new ThroughputResult(sizeBytes, asLong(r.get("totalBytes")), asDouble(r.get("elapsedMs")),
                asDouble(r.get("megabytesPerSecond")));
    }

    /**
     * Round-trip time of {@code sizeBytes} binary messages on {@code channel}, one at a time; the
     * other end must echo ({@link BrowserDataChannel#echo()} or an echo peer).
     */
    public RttResult measureRtt(BrowserDataChannel channel, int sizeBytes, int samples, int warmup, Duration timeout) {
        if (samples < 1 || warmup < 0 || sizeBytes < 1) {
            throw new IllegalArgumentException("need samples >= 1, warmup >= 0, sizeBytes >= 1");
        }
        Map<?, ?> r = (Map<?, ?>) invoke(timeout, "benchRtt", channel.id(), sizeBytes, samples, warmup, timeout.toMillis());
        return new RttResult(sizeBytes, (int) asLong(r.get("samples")), asDouble(r.get("p50Us")),
                asDouble(r.get("p99Us")), asDouble(r.get("meanUs")), asDouble(r.get("minUs")),
                asDouble(r.get("maxUs")), Boolean.TRUE.equals(r.get("crossOriginIsolated")));
    }

    /**
     * Calls harness function {@code name} with {@code args} and returns its value, converted by
     * Selenium (numbers as {@code Long}/{@code Double}, objects as {@code Map}, arrays as
     * {@code List}). Public so tests can reach functions without a typed wrapper.
     *
     * @param timeout how long chromedriver may take, in addition to a fixed margin; functions that
     *     wait get their own in-page deadline as an argument
     */
    public Object invoke(Duration timeout, String name, Object... args) {
        Duration wanted = timeout.plus(SCRIPT_TIMEOUT_MARGIN);
        Object result;
        try {
            if (!wanted.equals(scriptTimeout)) {
                driver.manage().timeouts().scriptTimeout(wanted);
                scriptTimeout = wanted;
            }
            result = js.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "if (!window.nc) { done({ok: false, error: 'harness not loaded'}); return; }"
                            + "window.nc.invoke(arguments[0], arguments[1]).then(done);",
                    name, new ArrayList<>(Arrays.asList(args)));
        } catch (WebDriverException e) {
            throw new ChromiumHarnessException("browser call " + name + " failed: " + firstLine(e.getMessage()),
                    consoleLog(), e);
        }
        Map<?, ?> outcome = (Map<?, ?>) result;
        if (outcome == null || !Boolean.TRUE.equals(outcome.get("ok"))) {
            String error = outcome == null ? "no result" : String.valueOf(outcome.get("error"));
            throw new ChromiumHarnessException(error, consoleLog(), null);
        }
        return outcome.get("value");
    }

    static long asLong(Object value) {
        return ((Number) value).longValue();
    }

    static double asDouble(Object value) {
        return ((Number) value).doubleValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
