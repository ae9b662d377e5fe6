package dev.netcode.sample.playtest;

import dev.netcode.core.transport.Transport;
import dev.netcode.sample.net.ArenaHost;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Where a playtest's host and bots meet: it starts the host (bound and, with a lobby, registered)
 * and gives each bot a seat: the transport it connects with (already wrapped in the link
 * conditioner, if any), the host's address in it and the join token it presents.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #transportName()} and {@link #signalingName()} are printed in the report: they must
 *       say plainly what ran ("in-memory", "WebRTC"; "lobby", "in-process hub"), so a report can
 *       never be mistaken for another kind of run.</li>
 *   <li>{@link #close()} closes everything it started or handed out.</li>
 * </ul>
 */
public interface PlaytestNetwork extends AutoCloseable {
    /** Human-readable transport name for reports, e.g. {@code in-memory}. */
    String transportName();

    /** How host and bots found each other, for reports: {@code lobby}, {@code in-process hub} or {@code none}. */
    String signalingName();

    /** Creates the host, ready to accept bots; the playtest drives {@link PlaytestHost#update} on its host thread. */
    PlaytestHost startHost(long seed) throws Exception;

    /** Seats for bots {@code 0..count-1}, after {@link #startHost}. */
    List<BotSeat> joinBots(int count) throws Exception;

    @Override
    void close();

    /** The started host: its arena (for the report) and its per-frame update. */
    record PlaytestHost(ArenaHost arena, LongConsumer update) {}

    /** What one bot connects with. */
    record BotSeat(Transport transport, String hostAddress, String joinToken) {}
}
