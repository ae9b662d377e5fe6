package dev.netcode.webrtc.ice.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Addresses that make useful host candidates (RFC 8445 §5.1.1.1): every address of every interface
 * that is up, except link-local (IPv6 ones need scope ids and never cross a router), multicast,
 * wildcard, and loopback unless asked for. Enumeration is a blocking system call taking hundreds of
 * microseconds to milliseconds, so {@link #enumerate} serves a process-wide snapshot that is at most
 * {@link #TTL_MS} old: a burst of connections enumerates once, and a changed network (a laptop
 * moving to another Wi-Fi) is seen within the TTL.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>An address that appeared less than {@link #TTL_MS} ago may be missing from a snapshot;
 *       {@link #enumerateFresh} bypasses the cache (an ICE restart after a network change).</li>
 * </ul>
 */
public final class HostAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(HostAddresses.class);

    /** How long an enumeration is reused. */
    public static final long TTL_MS = 2_000;

    private record Snapshot(List<InetAddress> addresses, long takenNs) {
    }

    /** Index 0: without loopback, 1: with. Replaced whole, never mutated. */
    private static final Snapshot[] CACHE = new Snapshot[2];

    private HostAddresses() {
    }

    /** The usable addresses, from a snapshot at most {@link #TTL_MS} old (immutable list). */
    public static List<InetAddress> enumerate(boolean includeLoopback) {
        int slot = includeLoopback ? 1 : 0;
        long now = System.nanoTime();
        Snapshot s;
        synchronized (CACHE) {
            s = CACHE[slot];
        }
        if (s != null && now - s.takenNs() < TTL_MS * 1_000_000L) {
            return s.addresses();
        }
        List<InetAddress> fresh = enumerateFresh(includeLoopback);
        synchronized (CACHE) {
            CACHE[slot] = new Snapshot(fresh, now);
        }
        return fresh;
    }

    /** Enumerates now, bypassing (and not updating) the snapshot (immutable list). */
    public static List<InetAddress> enumerateFresh(boolean includeLoopback) {
        List<InetAddress> result = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || (nif.isLoopback() && !includeLoopback)) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.isLinkLocalAddress() || a.isMulticastAddress() || a.isAnyLocalAddress()) {
                        continue;
                    }
                    if (a.isLoopbackAddress() && !includeLoopback) {
                        continue;
                    }
                    result.add(a);
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot enumerate network interfaces", e);
        }
        return List.copyOf(result);
    }
}
