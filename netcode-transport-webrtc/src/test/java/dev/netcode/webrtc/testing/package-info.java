/**
 * Headless Chromium as a WebRTC peer for JUnit 5 tests (shipped in this module's test-jar).
 *
 * <p>Start here:
 * <ul>
 *   <li>{@link dev.netcode.webrtc.testing.ChromiumTest @ChromiumTest} on a test class: one Debian
 *       Chromium per class, a {@link dev.netcode.webrtc.testing.ChromiumPage} injected into tests,
 *       fail-on-CI/skip-elsewhere when the browser is missing
 *       ({@link dev.netcode.webrtc.testing.ChromiumInstallation}).</li>
 *   <li>{@link dev.netcode.webrtc.testing.ChromiumPage#createPeer} gives a
 *       {@link dev.netcode.webrtc.testing.BrowserPeer} (an {@code RTCPeerConnection} in the page)
 *       with the W3C calls, trickle or complete-gathering signaling, state waits, and
 *       {@link dev.netcode.webrtc.testing.BrowserDataChannel}s that collect, echo or discard.</li>
 *   <li>{@link dev.netcode.webrtc.testing.ChromiumDataChannelBenchmark} measures the
 *       Chromium↔Chromium reference throughput and RTT in one page.</li>
 * </ul>
 *
 * <p>Modules other than this one need, besides the test-jar, the Selenium test dependencies
 * ({@code selenium-chrome-driver}, {@code selenium-support}): a test-jar brings no transitive
 * dependencies.
 */
package dev.netcode.webrtc.testing;
