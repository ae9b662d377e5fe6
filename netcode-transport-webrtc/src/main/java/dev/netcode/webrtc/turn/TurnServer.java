package dev.netcode.webrtc.turn;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * One TURN server: where it is, how to reach it, and the credentials to use.
 *
 * <p>{@link #parse} reads RFC 7065 URIs as found in {@code RTCIceServer.urls}:
 * {@code turn:host[:port][?transport=udp|tcp]}, default port 3478 and transport UDP.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code turns:} (TLS) is not supported and is refused rather than silently downgraded.</li>
 *   <li>The host is resolved when parsing, on the calling thread: do not parse on an event loop.</li>
 * </ul>
 */
public record TurnServer(InetSocketAddress address, TurnTransport transport, TurnCredentials credentials) {
    public static final int DEFAULT_PORT = 3478;

    public TurnServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(credentials, "credentials");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved TURN server address " + address);
        }
    }

    /** Parses {@code turn:host[:port][?transport=udp|tcp]}. */
    public static TurnServer parse(String uri, TurnCredentials credentials) {
        String s = uri.trim();
        if (s.regionMatches(true, 0, "turns:", 0, 6)) {
            throw new IllegalArgumentException("turns: (TLS) is not supported: " + uri);
        }
        if (!s.regionMatches(true, 0, "turn:", 0, 5)) {
            throw new IllegalArgumentException("not a turn: URI: " + uri);
        }
        s = s.substring(5);
        TurnTransport transport = TurnTransport.UDP;
        int q = s.indexOf('?');
        if (q >= 0) {
            String query = s.substring(q + 1).toLowerCase(Locale.ROOT);
            s = s.substring(0, q);
            if (query.equals("transport=tcp")) {
                transport = TurnTransport.TCP;
            } else if (!query.equals("transport=udp")) {
                throw new IllegalArgumentException("unsupported query '" + query + "' in " + uri);
            }
        }
        String host = s;
        int port = DEFAULT_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unterminated IPv6 literal in " + uri);
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad port in " + uri);
                }
                port = parsePort(s.substring(close + 2), uri);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                host = s.substring(0, colon);
                port = parsePort(s.substring(colon + 1), uri);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        return new TurnServer(new InetSocketAddress(host, port), transport, credentials);
    }

    private static int parsePort(String text, String uri) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in " + uri);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + uri, e);
        }
    }

    /** The URI form, e.g. {@code turn:127.0.0.1:3478?transport=tcp}. */
    public String uri() {
        String host = address.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "turn:" + host + ":" + address.getPort() + "?transport=" + transport.name().toLowerCase(Locale.ROOT);
    }
}
