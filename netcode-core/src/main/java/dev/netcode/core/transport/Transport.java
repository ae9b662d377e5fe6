package dev.netcode.core.transport;

import java.util.concurrent.CompletableFuture;

/**
 * The service-provider interface between core and a network: something that can accept and open
 * {@link TransportConnection}s. Core's {@code NetServer}/{@code NetClient} run on any implementation;
 * the in-memory transport and the WebRTC transport are two.
 *
 * <h2>Implementing a transport</h2>
 * <ol>
 *   <li>Honour the delivery and flow-control contract of {@link TransportConnection} and the
 *       threading contract of {@link TransportHandler}.</li>
 *   <li>Extend the abstract conformance tests in core's test-jar
 *       ({@code dev.netcode.core.transport.conformance}) with a factory for your transport.</li>
 *   <li>Wrap it with {@link Transports#conditioned} to test under loss, latency and jitter.</li>
 * </ol>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The acceptor and the handlers run on transport threads: hand work to the game thread
 *       (core does) instead of blocking there.</li>
 *   <li>Addresses are transport-specific strings (a name for the in-memory transport, a signaling
 *       room for WebRTC).</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {
    /**
     * Starts accepting connections at {@code address}.
     *
     * @throws TransportException if the address cannot be used (for example, already taken)
     */
    TransportServer listen(String address, TransportAcceptor acceptor);

    /**
     * Opens a connection. The future completes once the connection is open, or exceptionally with a
     * {@link TransportException}. {@code handler} receives the connection's events.
     */
    CompletableFuture<TransportConnection> connect(String address, TransportHandler handler);

    /** Closes every connection and listener this transport made. Idempotent. */
    @Override
    void close();
}
