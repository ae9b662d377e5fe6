package dev.netcode.webrtc.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable SDP session description (RFC 8866 §5) as WebRTC uses it: the session part, then
 * the media sections in order.
 *
 * <pre>
 *   session-description = version-field        ; v=0
 *                         origin-field         ; o=
 *                         session-name-field   ; s=
 *                         [information-field] [uri-field] *email-field *phone-field
 *                         [connection-field] *bandwidth-field
 *                         time-description     ; t= (r=)*   -- at least one
 *                         [key-field]
 *                         *attribute-field
 *                         *media-description
 * </pre>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * SessionDescription offer = SessionDescription.parse(sdpFromSignaling);  // SdpParseException
 * DataSection data = offer.dataSection();      // ICE/DTLS/SCTP parameters, fallbacks resolved
 * SessionDescription answer = DataChannelSdp.createAnswer(offer, ourParameters);
 * String text = answer.toSdp();                // CRLF line endings
 * }</pre>
 *
 * <p>{@link #toSdp()} writes every line back in model order with CRLF, so a canonical description
 * (CRLF, one blank-free line per field, fields in RFC order) serializes to exactly its input bytes,
 * and any parsed description re-parses to an equal model. Unknown attributes are kept.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>ICE credentials, fingerprint and {@code a=setup} may sit at session level (Firefox puts the
 *       fingerprint there) or in a media section (Chromium); with BUNDLE they may sit only in the
 *       group's first ("tagged") section. {@link #resolveAttribute} applies the order media
 *       section, BUNDLE-tagged section, session.</li>
 *   <li>{@link #parse(String)} uses {@link SdpLimits#DEFAULT}; a host with unusual peers can pass
 *       its own limits to {@link SdpParser}.</li>
 *   <li>The model checks grammar, not negotiation: an offer without {@code a=ice-ufrag} parses,
 *       but {@link #dataSection()} rejects it.</li>
 * </ul>
 */
public final class SessionDescription {
    /** The only SDP version (RFC 8866 §5.1). */
    public static final int VERSION = 0;
    /** {@code a=group} semantics of BUNDLE (RFC 8843). */
    public static final String BUNDLE = "BUNDLE";

    private final Origin origin;
    private final String sessionName;
    private final List<SdpField> fields;
    private final List<SdpAttribute> attributes;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        this.origin = Objects.requireNonNull(b.origin, "origin");
        String reason = dev.netcode.webrtc.sdp.internal.SdpGrammar.checkLineValue(b.sessionName);
        if (reason != null) {
            throw new IllegalArgumentException("session name: " + reason);
        }
        boolean timing = false;
        for (SdpField f : b.fields) {
            timing |= Objects.requireNonNull(f, "field").type() == 't';
        }
        if (!timing) {
            throw new IllegalArgumentException("a session description needs a t= line (RFC 8866 §5.9)");
        }
        MediaDescription.checkSingletons(b.attributes, "session");
        Set<String> mids = new HashSet<>();
        for (MediaDescription m : b.media) {
            Optional<String> mid = Objects.requireNonNull(m, "media").mid();
            if (mid.isPresent() && !mids.add(mid.get())) {
                throw new IllegalArgumentException("a=mid:" + mid.get() + " appears in two media sections (RFC 5888 §4)");
            }
        }
        this.sessionName = b.sessionName;
        this.fields = MediaDescription.sortedFields(b.fields);
        this.attributes = List.copyOf(b.attributes);
        this.media = List.copyOf(b.media);
    }

    /** Parses with {@link SdpLimits#DEFAULT}. */
    public static SessionDescription parse(String sdp) throws SdpParseException {
        return SdpParser.DEFAULT.parse(sdp);
    }

    /** A builder with {@code o=}, {@code s=-} and {@code t=0 0}. */
    public static Builder builder(Origin origin) {
        Builder b = new Builder();
        b.origin = Objects.requireNonNull(origin, "origin");
        b.fields.add(SdpField.unboundedTiming());
        return b;
    }

    /** A copy to modify; {@code t=} and the other fields are copied as they are. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.origin = origin;
        b.sessionName = sessionName;
        b.fields.addAll(fields);
        b.attributes.addAll(attributes);
        b.media.addAll(media);
        return b;
    }

    public Origin origin() {
        return origin;
    }

    /** The {@code s=} text ({@code "-"} in JSEP). */
    public String sessionName() {
        return sessionName;
    }

    /** Session-level i= u= e= p= c= b= t= r= z= k= lines in RFC order. */
    public List<SdpField> fields() {
        return fields;
    }

    /** Session-level attributes in order. */
    public List<SdpAttribute> attributes() {
        return attributes;
    }

    public List<MediaDescription> media() {
        return media;
    }

    public Optional<SdpAttribute> attribute(String name) {
        return MediaDescription.first(attributes, name);
    }

    public Optional<String> attributeValue(String name) {
        return attribute(name).map(SdpAttribute::value);
    }

    public List<String> attributeValues(String name) {
        return MediaDescription.values(attributes, name);
    }

    /** Session-level {@code c=}. */
    public Optional<ConnectionData> connection() {
        for (SdpField f : fields) {
            if (f.type() == 'c') {
                return Optional.of(ConnectionData.parseOrNull(f.value()));
            }
        }
        return Optional.empty();
    }

    /** Session-level {@code a=ice-lite} (RFC 8839 §5.3): the peer is an ICE-lite agent. */
    public boolean isIceLite() {
        return attribute("ice-lite").isPresent();
    }

    /** The mids of every {@code a=group:<semantics>} line, in order; e.g. {@code [[0, 1, 2]]} for BUNDLE. */
    public List<List<String>> groups(String semantics) {
        List<List<String>> out = new ArrayList<>();
        for (SdpAttribute a : attributes) {
            if (a.name().equals("group")) {
                String[] parts = a.value().split(" ");
                if (parts[0].equals(semantics)) {
                    out.add(List.of(Arrays.copyOfRange(parts, 1, parts.length)));
                }
            }
        }
        return out;
    }

    /** The BUNDLE group that lists {@code mid}, if any. */
    public Optional<List<String>> bundleGroupOf(String mid) {
        for (List<String> g : groups(BUNDLE)) {
            if (g.contains(mid)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The media section with {@code a=mid:<mid>}. */
    public Optional<MediaDescription> mediaByMid(String mid) {
        for (MediaDescription m : media) {
            if (m.mid().filter(mid::equals).isPresent()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The first attribute named {@code name} that applies to {@code section}: the section's own,
     * else that of the first section of its BUNDLE group (the offerer-tagged section, RFC 8843),
     * else the session-level one (RFC 8839 §5.4, RFC 8122 §5, RFC 4145 §4).
     */
    public Optional<SdpAttribute> resolveAttribute(MediaDescription section, String name) {
        Optional<SdpAttribute> own = section.attribute(name);
        if (own.isPresent()) {
            return own;
        }
        Optional<MediaDescription> tagged = bundleTagged(section);
        if (tagged.isPresent()) {
            Optional<SdpAttribute> t = tagged.get().attribute(name);
            if (t.isPresent()) {
                return t;
            }
        }
        return attribute(name);
    }

    /** All values of {@code name} from the first level of {@link #resolveAttribute}'s order that has any. */
    public List<String> resolveAttributeValues(MediaDescription section, String name) {
        List<String> own = section.attributeValues(name);
        if (!own.isEmpty()) {
            return own;
        }
        Optional<MediaDescription> tagged = bundleTagged(section);
        if (tagged.isPresent()) {
            List<String> t = tagged.get().attributeValues(name);
            if (!t.isEmpty()) {
                return t;
            }
        }
        return attributeValues(name);
    }

    /**
     * The first usable data-channel section with its transport parameters resolved (media, BUNDLE
     * tag, session): what a peer needs from a remote description.
     *
     * @throws SdpNegotiationException if there is no data section that is not rejected, or it
     *         lacks {@code a=ice-ufrag}, {@code a=ice-pwd} or {@code a=fingerprint}
     */
    public DataSection dataSection() throws SdpNegotiationException {
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (m.isDataChannel() && !m.isRejected()) {
                return DataSection.resolve(this, i);
            }
        }
        throw new SdpNegotiationException("no data channel m-section (m=application ... UDP/DTLS/SCTP "
                + "webrtc-datachannel) that is not rejected");
    }

    private Optional<MediaDescription> bundleTagged(MediaDescription section) {
        Optional<String> mid = section.mid();
        if (mid.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<String>> group = bundleGroupOf(mid.get());
        if (group.isEmpty() || group.get().get(0).equals(mid.get())) {
            return Optional.empty();
        }
        return mediaByMid(group.get().get(0));
    }

    /** The description with CRLF line endings (RFC 8866 §5). */
    public String toSdp() {
        StringBuilder sb = new StringBuilder(512 + media.size() * 512);
        sb.append("v=0\r\n");
        sb.append("o=").append(origin.toValue()).append("\r\n");
        sb.append("s=").append(sessionName).append("\r\n");
        for (SdpField f : fields) {
            sb.append(f.type()).append('=').append(f.value()).append("\r\n");
        }
        for (SdpAttribute a : attributes) {
            sb.append(a.toLine()).append("\r\n");
        }
        for (MediaDescription m : media) {
            m.appendTo(sb);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && s.origin.equals(origin) && s.sessionName.equals(sessionName)
                && s.fields.equals(fields) && s.attributes.equals(attributes) && s.media.equals(media);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, sessionName, fields, attributes, media);
    }

    /** Same as {@link #toSdp()}. */
    @Override
    public String toString() {
        return toSdp();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = "-";
        private final List<SdpField> fields = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder() {
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public Builder sessionName(String sessionName) {
            this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
            return this;
        }

        /** Adds a session-level field (t=, c=, b=, ...). */
        public Builder field(SdpField field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Removes every session-level field of {@code type}. */
        public Builder removeFields(char type) {
            fields.removeIf(f -> f.type() == type);
            return this;
        }

        public Builder attribute(SdpAttribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        public Builder attribute(String name, String value) {
            return attribute(SdpAttribute.of(name, value));
        }

        public Builder flag(String name) {
            return attribute(SdpAttribute.flag(name));
        }

        public Builder removeAttributes(String name) {
            attributes.removeIf(a -> a.name().equals(name));
            return this;
        }

        public Builder media(MediaDescription section) {
            media.add(Objects.requireNonNull(section, "media"));
            return this;
        }

        /** Replaces the section at {@code index}. */
        public Builder setMedia(int index, MediaDescription section) {
            media.set(index, Objects.requireNonNull(section, "media"));
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(this);
        }
    }
}
