package dev.netcode.webrtc.ice;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One ICE candidate as carried by SDP's {@code a=candidate} attribute (RFC 8839 §5.1) or a trickled
 * {@code RTCIceCandidate.candidate} string.
 *
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP "typ" SP cand-type
 *                       [SP "raddr" SP connection-address] [SP "rport" SP port]
 *                       *(SP extension-att-name SP extension-att-value)
 * foundation          = 1*32ice-char        ice-char = ALPHA / DIGIT / "+" / "/"
 * component-id        = 1*3DIGIT            priority = 1*10DIGIT
 * transport           = "UDP" / token       cand-type = "host" / "srflx" / "prflx" / "relay"
 *
 * e.g. candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag EsAw network-id 1
 * </pre>
 *
 * Extensions (RFC 6544's {@code tcptype}, Chrome's {@code generation}, {@code ufrag},
 * {@code network-id}, {@code network-cost}) are kept in order and written back by
 * {@link #toSdpValue()}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The address is a string, never resolved here: browsers hide host addresses behind mDNS names
 *       such as {@code 2f7c…-….local} ({@link #isMdns()}). Such a candidate cannot be paired
 *       directly; the connection comes up through a peer-reflexive candidate learned from the
 *       browser's checks. {@link #socketAddress()} is non-null only for IP literals and never does
 *       DNS.</li>
 *   <li>The transport token is case-insensitive ({@code UDP} and {@code udp} both occur); it is
 *       stored in lower case. A UDP agent ignores TCP candidates ({@link #isUdp()}).</li>
 *   <li>{@link #parse} accepts the value with or without the {@code candidate:} prefix and with an
 *       {@code a=} prefix, since signaling layers differ.</li>
 * </ul>
 */
public final class IceCandidate {
    /** Longest candidate line accepted; real ones are about 150 characters. */
    public static final int MAX_LENGTH_CHARS = 1024;
    /** Most extension name/value pairs accepted. */
    public static final int MAX_EXTENSIONS = 16;

    private final String foundation;
    private final int componentId;
    private final String transport;
    private final long priority;
    private final String address;
    private final int port;
    private final IceCandidateType type;
    private final String relatedAddress;
    private final int relatedPort;
    private final String tcpType;
    private final Map<String, String> extensions;

    private IceCandidate(Builder b) {
        this.foundation = b.foundation;
        this.componentId = b.componentId;
        this.transport = b.transport;
        this.priority = b.priority;
        this.address = b.address;
        this.port = b.port;
        this.type = b.type;
        this.relatedAddress = b.relatedAddress;
        this.relatedPort = b.relatedPort;
        this.tcpType = b.tcpType;
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(b.extensions));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a candidate attribute value.
     *
     * @throws IceCandidateParseException naming the field that is wrong
     */
    public static IceCandidate parse(String value) throws IceCandidateParseException {
        if (value == null) {
            throw new IceCandidateParseException("candidate is null");
        }
        if (value.length() > MAX_LENGTH_CHARS) {
            throw new IceCandidateParseException("candidate longer than " + MAX_LENGTH_CHARS + " characters");
        }
        String s = value.strip();
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (s.regionMatches(true, 0, "candidate:", 0, 10)) {
            s = s.substring(10);
        }
        String[] f = s.split(" ", -1);
        if (f.length < 8) {
            throw new IceCandidateParseException("candidate needs at least 8 fields, got " + f.length + ": " + abbreviate(value));
        }
        Builder b = new Builder();
        b.foundation = foundation(f[0]);
        b.componentId = (int) number(f[1], 3, "component-id", 1, 256);
        b.transport = token(f[2], "transport").toLowerCase(Locale.ROOT);
        b.priority = number(f[3], 10, "priority", 0, 0xFFFFFFFFL);
        b.address = address(f[4], "connection-address");
        b.port = (int) number(f[5], 5, "port", 0, 65535);
        if (!"typ".equals(f[6])) {
            throw new IceCandidateParseException("expected 'typ' but got '" + abbreviate(f[6]) + "'");
        }
        b.type = IceCandidateType.fromSdp(f[7]);
        if (b.type == null) {
            throw new IceCandidateParseException("unknown candidate type '" + abbreviate(f[7]) + "'");
        }
        int i = 8;
        if ((f.length - i) % 2 != 0) {
            throw new IceCandidateParseException("extension name without a value");
        }
        for (; i < f.length; i += 2) {
            String name = token(f[i], "extension name");
            String v = f[i + 1];
            if (v.isEmpty()) {
                throw new IceCandidateParseException("empty value for '" + abbreviate(name) + "'");
            }
            switch (name) {
                case "raddr" -> b.relatedAddress = address(v, "raddr");
                case "rport" -> b.relatedPort = (int) number(v, 5, "rport", 0, 65535);
                case "tcptype" -> b.tcpType = token(v, "tcptype");
                default -> {
                    if (b.extensions.size() == MAX_EXTENSIONS) {
                        throw new IceCandidateParseException("more than " + MAX_EXTENSIONS + " extensions");
                    }
                    checkVisible(v, name);
                    b.extensions.putIfAbsent(name, v);
                }
            }
        }
        if ((b.relatedAddress == null) != (b.relatedPort < 0)) {
            throw new IceCandidateParseException("raddr and rport must come together");
        }
        return new IceCandidate(b);
    }

    private static String foundation(String s) throws IceCandidateParseException {
        if (s.isEmpty() || s.length() > 32) {
            throw new IceCandidateParseException("foundation must be 1..32 ice-chars: '" + abbreviate(s) + "'");
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isIceChar(s.charAt(i))) {
                throw new IceCandidateParseException("foundation has a non ice-char: '" + abbreviate(s) + "'");
            }
        }
        return s;
    }

    static boolean isIceChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static long number(String s, int maxDigits, String field, long min, long max) throws IceCandidateParseException {
        if (s.isEmpty() || s.length() > maxDigits) {
            throw new IceCandidateParseException(field + " must be 1.." + maxDigits + " digits: '" + abbreviate(s) + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IceCandidateParseException(field + " is not a number: '" + abbreviate(s) + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) {
            throw new IceCandidateParseException(field + " " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    private static String token(String s, String field) throws IceCandidateParseException {
        if (s.isEmpty() || s.length() > 64) {
            throw new IceCandidateParseException(field + " must be 1..64 characters: '" + abbreviate(s) + "'");
        }
        checkVisible(s, field);
        return s;
    }

    private static void checkVisible(String s, String field) throws IceCandidateParseException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IceCandidateParseException(field + " has a non-visible character");
            }
        }
    }

    private static String address(String s, String field) throws IceCandidateParseException {
        if (s.isEmpty() || s.length() > 255) {
            throw new IceCandidateParseException(field + " must be 1..255 characters");
        }
        if (NetUtil.isValidIpV4Address(s) || NetUtil.isValidIpV6Address(s)) {
            return s;
        }
        // Otherwise an FQDN (RFC 8839 allows them; browsers send mDNS ".local" names).
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!ok) {
                throw new IceCandidateParseException(field + " is neither an IP address nor a host name: '" + abbreviate(s) + "'");
            }
        }
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The attribute value with its {@code candidate:} prefix, as browsers write it (no {@code a=}). */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(160).append("candidate:").append(foundation).append(' ').append(componentId)
                .append(' ').append(transport).append(' ').append(priority).append(' ').append(address).append(' ')
                .append(port).append(" typ ").append(type.sdpName());
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress).append(" rport ").append(relatedPort);
        }
        if (tcpType != null) {
            sb.append(" tcptype ").append(tcpType);
        }
        extensions.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
        return sb.toString();
    }

    public String foundation() {
        return foundation;
    }

    public int componentId() {
        return componentId;
    }

    /** Lower-case transport token, {@code udp} or {@code tcp}. */
    public String transport() {
        return transport;
    }

    public boolean isUdp() {
        return "udp".equals(transport);
    }

    public long priority() {
        return priority;
    }

    /** IP literal or host name, exactly as in SDP. */
    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public IceCandidateType type() {
        return type;
    }

    /** {@code raddr}, or null. */
    public String relatedAddress() {
        return relatedAddress;
    }

    /** {@code rport}, or -1. */
    public int relatedPort() {
        return relatedPort;
    }

    /** RFC 6544 {@code tcptype}, or null. */
    public String tcpType() {
        return tcpType;
    }

    /** Other extensions in order of appearance, e.g. {@code generation}, {@code ufrag}, {@code network-id}. */
    public Map<String, String> extensions() {
        return extensions;
    }

    /** True when the address is an mDNS name ({@code *.local}, RFC 8839 §5.1 and draft-ietf-mmusic-mdns-ice-candidates). */
    public boolean isMdns() {
        return address.regionMatches(true, address.length() - 6, ".local", 0, 6);
    }

    /** True when the address is an IPv4 or IPv6 literal. */
    public boolean isIpLiteral() {
        return NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address);
    }

    /** The address and port when the address is an IP literal (no DNS), else null. */
    public InetSocketAddress socketAddress() {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(address);
        if (ip == null) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IceCandidate c && c.toSdpValue().equals(toSdpValue());
    }

    @Override
    public int hashCode() {
        return toSdpValue().hashCode();
    }

    @Override
    public String toString() {
        return toSdpValue();
    }

    /** Builds candidates for local gathering and tests; validates like {@link #parse}. */
    public static final class Builder {
        private String foundation;
        private int componentId = 1;
        private String transport = "udp";
        private long priority;
        private String address;
        private int port;
        private IceCandidateType type;
        private String relatedAddress;
        private int relatedPort = -1;
        private String tcpType;
        private final Map<String, String> extensions = new LinkedHashMap<>();

        public Builder foundation(String v) {
            foundation = v;
            return this;
        }

        public Builder componentId(int v) {
            componentId = v;
            return this;
        }

        public Builder transport(String v) {
            transport = v.toLowerCase(Locale.ROOT);
            return this;
        }

        public Builder priority(long v) {
            priority = v;
            return this;
        }

        public Builder address(String v) {
            address = v;
            return this;
        }

        public Builder address(InetSocketAddress socketAddress) {
            address = NetUtil.toAddressString(socketAddress.getAddress());
            port = socketAddress.getPort();
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder type(IceCandidateType v) {
            type = v;
            return this;
        }

        public Builder related(InetSocketAddress v) {
            relatedAddress = NetUtil.toAddressString(v.getAddress());
            relatedPort = v.getPort();
            return this;
        }

        public Builder tcpType(String v) {
            tcpType = v;
            return this;
        }

        public Builder extension(String name, String value) {
            extensions.put(name, value);
            return this;
        }

        /** @throws IllegalArgumentException when the result would not parse back */
        public IceCandidate build() {
            Objects.requireNonNull(type, "type");
            IceCandidate c = new IceCandidate(this);
            try {
                IceCandidate reparsed = parse(c.toSdpValue());
                return reparsed;
            } catch (IceCandidateParseException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
