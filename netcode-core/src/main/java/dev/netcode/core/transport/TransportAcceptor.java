package dev.netcode.core.transport;

/**
 * Called by a listening {@link Transport} for every new inbound connection, before any of its
 * messages is delivered; returns the handler that will receive them. Runs on a transport thread.
 */
@FunctionalInterface
public interface TransportAcceptor {
    TransportHandler accept(TransportConnection connection);
}
