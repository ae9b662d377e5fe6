package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One media section: an {@code m=} line followed by its fields and attributes (RFC 8866 §5.14):
 *
 * <pre>
 *   media-description = media-field [information-field] *connection-field *bandwidth-field
 *                       [key-field] *attribute-field
 *   media-field       = "m=" media SP port ["/" integer] SP proto 1*(SP fmt) CRLF
 * </pre>
 *
 * A WebRTC data section (RFC 8841 §4, RFC 8829 §5.2.1) reads
 * {@code m=application 9 UDP/DTLS/SCTP webrtc-datachannel} and carries {@code a=sctp-port} and
 * {@code a=max-message-size}; ICE and DTLS attributes may sit here or at session level.
 *
 * <p>Instances are immutable; {@link #toBuilder()} makes a modified copy.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Port 0 means rejected (RFC 3264 §6) <em>unless</em> the section carries
 *       {@code a=bundle-only} (RFC 8843): then it is an offered section that shares the
 *       transport of its BUNDLE group. Use {@link #isRejected()}, not {@code port() == 0}.</li>
 *   <li>The accessors here read this section only. To find ICE credentials, the fingerprint or
 *       {@code a=setup} with the session-level and BUNDLE fallbacks, use
 *       {@link SessionDescription#dataSection()} or {@link SessionDescription#resolveAttribute}.</li>
 *   <li>Candidates are raw {@code a=candidate} values; the {@code ice} package parses them.</li>
 * </ul>
 */
public final class MediaDescription {
    /** {@code webrtc-datachannel}: the only fmt of a data section (RFC 8841 §4). */
    public static final String DATACHANNEL_FORMAT = "webrtc-datachannel";
    /** {@code UDP/DTLS/SCTP}: proto of a data section over UDP (RFC 8841 §4). */
    public static final String PROTO_UDP_DTLS_SCTP = "UDP/DTLS/SCTP";
    /** {@code TCP/DTLS/SCTP}: proto of a data section whose default candidate is TCP (RFC 8841 §4). */
    public static final String PROTO_TCP_DTLS_SCTP = "TCP/DTLS/SCTP";
    /** RFC 8841 §5: the SCTP port when {@code a=sctp-port} is absent. */
    public static final int DEFAULT_SCTP_PORT = 5000;
    /** RFC 8841 §6: the maximum message size assumed when {@code a=max-message-size} is absent. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE_BYTES = 64 * 1024;

    private final String media;
    private final int port;
    private final int numberOfPorts;
    private final String proto;
    private final List<String> formats;
    private final List<SdpField> fields;
    private final List<SdpAttribute> attributes;

    private MediaDescription(Builder b) {
        if (!SdpGrammar.isToken(b.media)) {
            throw new IllegalArgumentException("media must be a token, got '" + b.media + "'");
        }
        if (b.port < 0 || b.port > 0xffff) {
            throw new IllegalArgumentException("port must be 0..65535, got " + b.port);
        }
        if (b.numberOfPorts == 0 || b.numberOfPorts < -1) {
            throw new IllegalArgumentException("number of ports must be >= 1, got " + b.numberOfPorts);
        }
        if (!isProto(b.proto)) {
            throw new IllegalArgumentException("proto must be token *(\"/\" token), got '" + b.proto + "'");
        }
        if (b.formats.isEmpty()) {
            throw new IllegalArgumentException("an m= line needs at least one fmt (RFC 8866 §5.14)");
        }
        for (String f : b.formats) {
            if (!SdpGrammar.isNonWsString(f)) {
                throw new IllegalArgumentException("fmt must be non-blank without spaces, got '" + f + "'");
            }
        }
        for (SdpField f : b.fields) {
            if (!Objects.requireNonNull(f, "field").isMediaLevel()) {
                throw new IllegalArgumentException(f.type() + "= is not allowed in a media section");
            }
        }
        checkSingletons(b.attributes, "media section");
        this.media = b.media;
        this.port = b.port;
        this.numberOfPorts = b.numberOfPorts;
        this.proto = b.proto;
        this.formats = List.copyOf(b.formats);
        this.fields = sortedFields(b.fields);
        this.attributes = List.copyOf(b.attributes);
    }

    /** A builder for {@code m=<media> <port> <proto> <formats...>}. */
    public static Builder builder(String media, int port, String proto, List<String> formats) {
        Builder b = new Builder();
        b.media = media;
        b.port = port;
        b.proto = proto;
        b.formats.addAll(formats);
        return b;
    }

    /** A builder preloaded with {@code m=application <port> UDP/DTLS/SCTP webrtc-datachannel}. */
    public static Builder dataChannel(int port) {
        return builder("application", port, PROTO_UDP_DTLS_SCTP, List.of(DATACHANNEL_FORMAT));
    }

    public Builder toBuilder() {
        Builder b = builder(media, port, proto, formats);
        b.numberOfPorts = numberOfPorts;
        b.fields.addAll(fields);
        b.attributes.addAll(attributes);
        return b;
    }

    /** {@code audio}, {@code video}, {@code application}, ... */
    public String media() {
        return media;
    }

    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} suffix of the m= port, if present. */
    public OptionalInt numberOfPorts() {
        return numberOfPorts < 0 ? OptionalInt.empty() : OptionalInt.of(numberOfPorts);
    }

    public String proto() {
        return proto;
    }

    public List<String> formats() {
        return formats;
    }

    /** The i=, c=, b=, k= lines in RFC order. */
    public List<SdpField> fields() {
        return fields;
    }

    /** All attributes in order, known and unknown. */
    public List<SdpAttribute> attributes() {
        return attributes;
    }

    /** The first attribute named {@code name}. */
    public Optional<SdpAttribute> attribute(String name) {
        return first(attributes, name);
    }

    /** The value of the first attribute named {@code name} (empty also for a property attribute). */
    public Optional<String> attributeValue(String name) {
        return attribute(name).map(SdpAttribute::value);
    }

    /** The values of every attribute named {@code name}, in order (null for property attributes). */
    public List<String> attributeValues(String name) {
        return values(attributes, name);
    }

    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** {@code a=mid} (RFC 5888 §4). */
    public Optional<String> mid() {
        return attributeValue("mid");
    }

    public Optional<ConnectionData> connection() {
        for (SdpField f : fields) {
            if (f.type() == 'c') {
                return Optional.of(ConnectionData.parseOrNull(f.value()));
            }
        }
        return Optional.empty();
    }

    /** {@code a=ice-ufrag} of this section only. */
    public Optional<String> iceUfrag() {
        return attributeValue("ice-ufrag");
    }

    /** {@code a=ice-pwd} of this section only. */
    public Optional<String> icePwd() {
        return attributeValue("ice-pwd");
    }

    /** {@code a=fingerprint} values of this section only, e.g. {@code "sha-256 AB:CD:..."}. */
    public List<String> fingerprints() {
        return attributeValues("fingerprint");
    }

    /** {@code a=setup} of this section only. */
    public Optional<SetupRole> setup() {
        return attributeValue("setup").flatMap(SetupRole::fromSdp);
    }

    /** {@code a=sctp-port} (RFC 8841 §5). */
    public OptionalInt sctpPort() {
        Optional<String> v = attributeValue("sctp-port");
        return v.isPresent() ? OptionalInt.of(SdpGrammar.parsePort(v.get())) : OptionalInt.empty();
    }

    /** {@code a=max-message-size} in bytes, 0 meaning "any size" (RFC 8841 §6). */
    public OptionalLong maxMessageSize() {
        Optional<String> v = attributeValue("max-message-size");
        return v.isPresent() ? OptionalLong.of(SdpGrammar.parseNonNegativeLong(v.get())) : OptionalLong.empty();
    }

    /** Raw values of the {@code a=candidate} lines, e.g. {@code "0 1 UDP 2122187007 198.51.100.1 35242 typ host"}. */
    public List<String> candidates() {
        return attributeValues("candidate");
    }

    /** {@code a=end-of-candidates} (RFC 8838, RFC 8840): no more trickled candidates for this section. */
    public boolean endOfCandidates() {
        return hasAttribute("end-of-candidates");
    }

    /** {@code a=bundle-only} (RFC 8843). */
    public boolean isBundleOnly() {
        return hasAttribute("bundle-only");
    }

    /** Port 0 without {@code a=bundle-only}: the section is rejected or disabled (RFC 3264 §6, RFC 8843). */
    public boolean isRejected() {
        return port == 0 && !isBundleOnly();
    }

    /**
     * An SCTP-over-DTLS data section per RFC 8841 §4: {@code m=application} with proto
     * {@code UDP/DTLS/SCTP} or {@code TCP/DTLS/SCTP} and fmt {@code webrtc-datachannel}.
     */
    public boolean isDataChannel() {
        return media.equals("application")
                && (proto.equals(PROTO_UDP_DTLS_SCTP) || proto.equals(PROTO_TCP_DTLS_SCTP))
                && formats.contains(DATACHANNEL_FORMAT);
    }

    /** The {@code m=} line without terminator. */
    public String mediaLine() {
        StringBuilder sb = new StringBuilder(64);
        sb.append("m=").append(media).append(' ').append(port);
        if (numberOfPorts >= 0) {
            sb.append('/').append(numberOfPorts);
        }
        sb.append(' ').append(proto);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append(mediaLine()).append("\r\n");
        for (SdpField f : fields) {
            sb.append(f.type()).append('=').append(f.value()).append("\r\n");
        }
        for (SdpAttribute a : attributes) {
            sb.append(a.toLine()).append("\r\n");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && m.port == port && m.numberOfPorts == numberOfPorts
                && m.media.equals(media) && m.proto.equals(proto) && m.formats.equals(formats)
                && m.fields.equals(fields) && m.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, numberOfPorts, proto, formats, fields, attributes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    // proto = token *("/" token)
    static boolean isProto(String proto) {
        if (proto == null || proto.isEmpty() || proto.startsWith("/") || proto.endsWith("/") || proto.contains("//")) {
            return false;
        }
        for (int i = 0; i < proto.length(); i++) {
            char c = proto.charAt(i);
            if (c != '/' && !SdpGrammar.isTokenChar(c)) {
                return false;
            }
        }
        return true;
    }

    static List<SdpField> sortedFields(List<SdpField> fields) {
        List<SdpField> sorted = new ArrayList<>(fields);
        sorted.sort(Comparator.comparingInt(SdpField::rank)); // List.sort is stable
        return List.copyOf(sorted);
    }

    static void checkSingletons(List<SdpAttribute> attributes, String where) {
        Set<String> seen = new HashSet<>();
        for (SdpAttribute a : attributes) {
            Objects.requireNonNull(a, "attribute");
            if (SdpGrammar.isSingleton(a.name()) && !seen.add(a.name())) {
                throw new IllegalArgumentException("a=" + a.name() + " appears twice in one " + where);
            }
        }
    }

    static Optional<SdpAttribute> first(List<SdpAttribute> attributes, String name) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static List<String> values(List<SdpAttribute> attributes, String name) {
        List<String> out = new ArrayList<>();
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                out.add(a.value());
            }
        }
        return out.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(out);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String media;
        private int port;
        private int numberOfPorts = -1;
        private String proto;
        private final List<String> formats = new ArrayList<>();
        private final List<SdpField> fields = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The optional {@code /<n>} after the port; -1 for none. */
        public Builder numberOfPorts(int n) {
            this.numberOfPorts = n;
            return this;
        }

        public Builder formats(List<String> formats) {
            this.formats.clear();
            this.formats.addAll(formats);
            return this;
        }

        public Builder field(SdpField field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Adds {@code c=}. */
        public Builder connection(ConnectionData data) {
            return field(SdpField.connection(data));
        }

        public Builder attribute(SdpAttribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        /** Adds {@code a=name:value}. */
        public Builder attribute(String name, String value) {
            return attribute(SdpAttribute.of(name, value));
        }

        /** Adds the property attribute {@code a=name}. */
        public Builder flag(String name) {
            return attribute(SdpAttribute.flag(name));
        }

        /** Removes every attribute named {@code name}. */
        public Builder removeAttributes(String name) {
            attributes.removeIf(a -> a.name().equals(name));
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
