package dev.netcode.sample.playtest;

import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.sample.net.ArenaHost;
import dev.netcode.webrtc.transport.LoopbackSignaling;
import dev.netcode.webrtc.transport.WebRtcTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * Host and bots over real WebRTC on loopback: every bot is a {@link WebRtcTransport} with its own
 * ICE agent, DTLS handshake and SCTP association to the host, which serves all of them on one UDP
 * port (ICE-lite, single-port mode). Signaling (offer, answer, candidates) goes through an
 * in-process {@link LoopbackSignaling} hub; the game traffic itself is UDP datagrams on 127.0.0.1.
 * Each bot is additionally behind the link conditioner (on the bot's side).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Host candidates are pinned to 127.0.0.1 so the run works on a loopback-only machine.</li>
 *   <li>Host and bots use separate DTLS handshake pools ({@link LoopbackWebRtc} explains why).</li>
 *   <li>The hub stands in for the lobby's signaling relay; a lobby adapter implementing
 *       {@code WebRtcSignaling} plugs in the same place.</li>
 * </ul>
 */
public final class WebRtcPlaytestNetwork implements PlaytestNetwork {
    static final String HOST_ID = "playtest-host";

    private final LoopbackSignaling hub = new LoopbackSignaling();
    private final LinkPreset preset;
    private final long seed;
    private final LoopbackWebRtc webrtc;
    private final WebRtcTransport host;
    private final List<Transport> opened = new ArrayList<>();

    /** @param preset conditioner preset for every bot, or null for none */
    public WebRtcPlaytestNetwork(LinkPreset preset, long seed) {
        this.preset = preset;
        this.seed = seed;
        this.webrtc = new LoopbackWebRtc(seed, LoopbackWebRtc.DEFAULT_HANDSHAKE_THREADS);
        this.host = WebRtcTransport.create(hub.endpoint(HOST_ID), webrtc.host());
    }

    @Override
    public String transportName() {
        return "WebRTC";
    }

    @Override
    public String signalingName() {
        return "in-process hub";
    }

    @Override
    public PlaytestHost startHost(long seed) {
        ArenaHost arena = new ArenaHost(host, seed, "playtest-host");
        arena.bind(HOST_ID);
        return new PlaytestHost(arena, arena::update);
    }

    @Override
    public List<BotSeat> joinBots(int count) {
        List<BotSeat> seats = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seats.add(new BotSeat(botTransport(i), HOST_ID, null));
        }
        return seats;
    }

    private synchronized Transport botTransport(int index) {
        WebRtcTransport bot = WebRtcTransport.create(hub.endpoint("playtest-bot-" + index), webrtc.bot());
        opened.add(bot);
        Transport t = preset == null ? bot : Transports.conditioned(bot, preset, seed + index);
        if (t != bot) {
            opened.add(t);
        }
        return t;
    }

    @Override
    public synchronized void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException ignored) {
                // best effort: the process may be ending
            }
        }
        host.close();
        hub.close();
        webrtc.close();
    }
}
