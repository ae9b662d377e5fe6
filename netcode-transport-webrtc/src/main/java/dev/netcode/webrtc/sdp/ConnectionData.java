package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;

/**
 * The value of a {@code c=} line (RFC 8866 §5.7):
 *
 * <pre>
 *   connection-field = "c=" nettype SP addrtype SP connection-address CRLF
 * </pre>
 *
 * With ICE the address is only the default candidate's (or {@code 0.0.0.0} when there is none,
 * RFC 8829 §5.2.1); real addresses come from {@code a=candidate}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Do not connect to this address: Chromium writes its default candidate here, Firefox too,
 *       but a peer that trickles writes {@code 0.0.0.0}, and ICE decides the path anyway.</li>
 * </ul>
 *
 * @param netType  {@code IN}
 * @param addrType {@code IP4} or {@code IP6}
 * @param address  the address as written (may carry a multicast {@code /ttl})
 */
public record ConnectionData(String netType, String addrType, String address) {
    /** {@code IN IP4 0.0.0.0}: "no default candidate yet". */
    public static final ConnectionData UNSPECIFIED = new ConnectionData("IN", "IP4", "0.0.0.0");

    public ConnectionData {
        if (!SdpGrammar.isToken(netType) || !SdpGrammar.isToken(addrType) || !SdpGrammar.isNonWsString(address)) {
            throw new IllegalArgumentException("connection data needs three non-blank fields: "
                    + netType + " " + addrType + " " + address);
        }
    }

    /** {@code IN IP4 addr} or {@code IN IP6 addr} depending on whether the literal holds a ':'. */
    public static ConnectionData of(String address) {
        return new ConnectionData("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    static ConnectionData parseOrNull(String value) {
        String[] p = value == null ? null : SdpGrammar.splitSpaces(value);
        if (p == null || p.length != 3 || !SdpGrammar.isToken(p[0]) || !SdpGrammar.isToken(p[1])
                || !SdpGrammar.isNonWsString(p[2])) {
            return null;
        }
        return new ConnectionData(p[0], p[1], p[2]);
    }

    public String toValue() {
        return netType + " " + addrType + " " + address;
    }

    @Override
    public String toString() {
        return toValue();
    }
}
