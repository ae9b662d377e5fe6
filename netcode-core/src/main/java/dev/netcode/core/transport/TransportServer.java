package dev.netcode.core.transport;

/** A listening endpoint returned by {@link Transport#listen}. Closing it stops accepting; open connections stay open. */
public interface TransportServer extends AutoCloseable {
    /** The address clients pass to {@link Transport#connect}, in the transport's own format. */
    String address();

    @Override
    void close();
}
