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
 * wildcard, and loopback unless asked for. Enumeration is a blocking system call: not on a loop.
 */
public final class HostAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(HostAddresses.class);

    private HostAddresses() {
    }

    public static List<InetAddress> enumerate(boolean includeLoopback) {
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
        return result;
    }
}
