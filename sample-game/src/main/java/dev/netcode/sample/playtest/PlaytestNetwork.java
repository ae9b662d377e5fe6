package dev.netcode.sample.playtest;

import dev.netcode.core.transport.Transport;

/**
 * Where a playtest's host and bots meet: which transport the host listens on, at which address,
 * and the transport each bot connects with (already wrapped in the link conditioner, if any).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #transportName()} is printed in the report: it must say plainly what ran
 *       ("in-memory", "WebRTC"), so a report can never be mistaken for the other.</li>
 *   <li>{@link #close()} closes every transport it handed out.</li>
 * </ul>
 */
public interface PlaytestNetwork extends AutoCloseable {
    /** Human-readable transport name for reports, e.g. {@code in-memory}. */
    String transportName();

    /** The host's transport. */
    Transport hostTransport();

    /** Binds nothing; returns the address the host should bind. */
    String hostBindAddress();

    /** The address bots connect to, valid after the host has bound {@link #hostBindAddress()}. */
    String hostConnectAddress();

    /** The transport bot {@code index} uses (conditioned as the playtest asked). */
    Transport botTransport(int index);

    @Override
    void close();
}
