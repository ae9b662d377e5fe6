package dev.netcode.webrtc.sdp;

import dev.netcode.webrtc.sdp.internal.SdpGrammar;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads SDP text (RFC 8866 §5, §9) into a {@link SessionDescription}, within {@link SdpLimits}.
 * Thread-safe and stateless; keep one per set of limits.
 *
 * <pre>
 *   line       = type "=" value (CRLF / LF)
 *   type       = %x61-7A                 ; one lower-case letter
 *   session    : v= o= s= [i=] [u=] *e= *p= [c=] *b= 1*(t= *r=) [z=] [k=] *a=
 *   media      : m= [i=] *c= *b= [k=] *a=
 * </pre>
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>Limits first: total size, number of lines, line length, m-sections, attributes per
 *       section, candidates.</li>
 *   <li>{@code v=0} first, then {@code o=} and {@code s=}, at least one {@code t=} before the first
 *       {@code m=}; the grammar of {@code o= c= t= m=}; which types may appear in a media section;
 *       unknown type letters are errors (RFC 8866 §5: a parser must not half-understand).</li>
 *   <li>Attribute names are tokens; the values WebRTC relies on are checked (ICE credentials,
 *       {@code setup}, {@code mid}, {@code sctp-port}, {@code max-message-size}, {@code fingerprint},
 *       {@code group}); singletons appear once per level; mids are unique.</li>
 *   <li>Everything else, including unknown attributes, is kept verbatim.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Both CRLF and bare LF terminate a line (browsers send CRLF, hand-written SDP often LF); a
 *       lone CR inside a line is an error. The last line may lack a terminator. Blank lines are
 *       skipped (some signaling layers append one) but still counted for line numbers.</li>
 *   <li>Errors are {@link SdpParseException}s naming the 1-based line; nothing else escapes for
 *       any input (fuzzed by {@code SdpParserFuzzTest}).</li>
 * </ul>
 */
public final class SdpParser {
    /** A parser with {@link SdpLimits#DEFAULT}. */
    public static final SdpParser DEFAULT = new SdpParser(SdpLimits.DEFAULT);

    private final SdpLimits limits;

    public SdpParser(SdpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SdpLimits limits() {
        return limits;
    }

    /** Parses UTF-8 bytes; malformed UTF-8 is an error. */
    public SessionDescription parse(byte[] utf8) throws SdpParseException {
        Objects.requireNonNull(utf8, "utf8");
        if (utf8.length > limits.maxSizeBytes()) {
            throw tooLarge(utf8.length);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new SdpParseException("session description is not valid UTF-8");
        }
        return parse(text);
    }

    /** Parses SDP text. */
    public SessionDescription parse(String sdp) throws SdpParseException {
        Objects.requireNonNull(sdp, "sdp");
        // chars <= UTF-8 bytes, so this cheap test rejects most oversized input before counting.
        if (sdp.length() > limits.maxSizeBytes()) {
            throw tooLarge(sdp.length());
        }
        long bytes = SdpGrammar.utf8Length(sdp);
        if (bytes > limits.maxSizeBytes()) {
            throw tooLarge(bytes);
        }
        try {
            return new Reader(sdp).read();
        } catch (IllegalArgumentException e) {
            // The reader checks everything the model checks, with line numbers; this is a safety net
            // so a gap between the two can never surface as anything but the typed error.
            throw new SdpParseException("invalid session description: " + e.getMessage());
        }
    }

    private SdpParseException tooLarge(long size) {
        return new SdpParseException("session description of " + size + " bytes exceeds the limit of "
                + limits.maxSizeBytes() + " bytes");
    }

    /** One parse: the cursor over the text plus what has been seen so far. */
    private final class Reader {
        private final String text;
        private int pos;
        private int lineNumber;
        private int candidates;
        private final Set<String> mids = new HashSet<>();

        private SessionDescription.Builder session;
        private MediaDescription.Builder section;
        private int sectionAttributes;
        private Set<String> sectionSingletons = new HashSet<>();
        private int mediaSections;

        Reader(String text) {
            this.text = text;
        }

        SessionDescription read() throws SdpParseException {
            int state = 0; // 0 expect v, 1 expect o, 2 expect s, 3 session body, 4 media
            boolean sawTiming = false;
            int sessionAttributes = 0;
            Set<String> sessionSingletons = new HashSet<>();
            Origin origin = null;
            String line;
            while ((line = nextLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.length() < 2 || line.charAt(1) != '=') {
                    throw error(line, "expected '<type>=<value>'");
                }
                char type = line.charAt(0);
                String value = line.substring(2);
                switch (state) {
                    case 0:
                        if (type != 'v') {
                            throw error(line, "a session description must start with v=0");
                        }
                        if (!value.equals("0")) {
                            throw error(line, "unsupported SDP version (only v=0 exists)");
                        }
                        state = 1;
                        continue;
                    case 1:
                        if (type != 'o') {
                            throw error(line, "o= must follow v=");
                        }
                        origin = Origin.parseOrNull(value);
                        if (origin == null) {
                            throw error(line, "o= needs '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>'");
                        }
                        state = 2;
                        continue;
                    case 2:
                        if (type != 's') {
                            throw error(line, "s= must follow o=");
                        }
                        session = SessionDescription.builder(origin).removeFields('t').sessionName(value);
                        state = 3;
                        continue;
                    default:
                        break;
                }
                switch (type) {
                    case 'm':
                        if (state == 3 && !sawTiming) {
                            throw error(line, "t= must come before the first m= (RFC 8866 §5.9)");
                        }
                        finishSection();
                        if (++mediaSections > limits.maxMediaSections()) {
                            throw error(line, "more than " + limits.maxMediaSections() + " m-sections");
                        }
                        section = parseMediaLine(line, value);
                        sectionAttributes = 0;
                        sectionSingletons = new HashSet<>();
                        state = 4;
                        break;
                    case 'a': {
                        SdpAttribute a = SdpAttribute.parseBody(value, lineNumber, line);
                        if (state == 3) {
                            checkAttribute(line, a, ++sessionAttributes, sessionSingletons, "session");
                            if (a.name().equals("candidate")) {
                                countCandidate(line);
                            }
                            session.attribute(a);
                        } else {
                            checkAttribute(line, a, ++sectionAttributes, sectionSingletons, "media section");
                            if (a.name().equals("candidate")) {
                                countCandidate(line);
                            }
                            if (a.name().equals("mid") && !mids.add(a.value())) {
                                throw error(line, "a=mid:" + a.value() + " is already used by another m-section");
                            }
                            section.attribute(a);
                        }
                        break;
                    }
                    case 'i': case 'c': case 'b': case 'k':
                    case 'u': case 'e': case 'p': case 't': case 'r': case 'z': {
                        SdpField field = parseField(line, type, value);
                        if (state == 4) {
                            if (!field.isMediaLevel()) {
                                throw error(line, type + "= is not allowed in a media section");
                            }
                            section.field(field);
                        } else {
                            sawTiming |= type == 't';
                            session.field(field);
                        }
                        break;
                    }
                    case 'v': case 'o': case 's':
                        throw error(line, type + "= may appear only once, at the start");
                    default:
                        throw error(line, "unknown line type '" + printable(type) + "'");
                }
            }
            if (state < 3) {
                throw new SdpParseException(state == 0 ? "empty session description (no v= line)"
                        : state == 1 ? "session description ends before o=" : "session description ends before s=");
            }
            if (!sawTiming) {
                throw new SdpParseException("session description has no t= line (RFC 8866 §5.9)");
            }
            finishSection();
            return session.build();
        }

        private void finishSection() {
            if (section != null) {
                session.media(section.build());
                section = null;
            }
        }

        private void checkAttribute(String line, SdpAttribute a, int count, Set<String> singletons, String where)
                throws SdpParseException {
            if (count > limits.maxAttributesPerSection()) {
                throw error(line, "more than " + limits.maxAttributesPerSection() + " attributes in one " + where);
            }
            if (SdpGrammar.isSingleton(a.name()) && !singletons.add(a.name())) {
                throw error(line, "a=" + a.name() + " appears twice in one " + where);
            }
        }

        private void countCandidate(String line) throws SdpParseException {
            if (++candidates > limits.maxCandidates()) {
                throw error(line, "more than " + limits.maxCandidates() + " candidates");
            }
        }

        private SdpField parseField(String line, char type, String value) throws SdpParseException {
            if (type == 'c' && ConnectionData.parseOrNull(value) == null) {
                throw error(line, "c= needs '<nettype> <addrtype> <connection-address>'");
            }
            if (type == 't' && !SdpField.isTiming(value)) {
                throw error(line, "t= needs '<start-time> <stop-time>'");
            }
            return new SdpField(type, value);
        }

        // media-field = "m=" media SP port ["/" integer] SP proto 1*(SP fmt)
        private MediaDescription.Builder parseMediaLine(String line, String value) throws SdpParseException {
            String[] p = SdpGrammar.splitSpaces(value);
            if (p == null || p.length < 4) {
                throw error(line, "m= needs '<media> <port> <proto> <fmt> ...'");
            }
            if (!SdpGrammar.isToken(p[0])) {
                throw error(line, "m= media must be a token");
            }
            String portText = p[1];
            int slash = portText.indexOf('/');
            int count = -1;
            if (slash >= 0) {
                String n = portText.substring(slash + 1);
                if (!SdpGrammar.isDigits(n, 5) || Integer.parseInt(n) == 0) {
                    throw error(line, "bad m= number of ports '" + n + "'");
                }
                count = Integer.parseInt(n);
                portText = portText.substring(0, slash);
            }
            int port = SdpGrammar.parsePort(portText);
            if (port < 0) {
                throw error(line, "bad m= port '" + portText + "' (0..65535)");
            }
            if (!MediaDescription.isProto(p[2])) {
                throw error(line, "bad m= proto '" + p[2] + "'");
            }
            for (int i = 3; i < p.length; i++) {
                if (!SdpGrammar.isNonWsString(p[i])) {
                    throw error(line, "bad m= fmt '" + p[i] + "'");
                }
            }
            return MediaDescription.builder(p[0], port, p[2], List.of(p).subList(3, p.length)).numberOfPorts(count);
        }

        /** The next line without its terminator, or null at the end; enforces the line limits. */
        private String nextLine() throws SdpParseException {
            if (pos >= text.length()) {
                return null;
            }
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            int next = nl < 0 ? text.length() : nl + 1;
            if (end > pos && text.charAt(end - 1) == '\r') {
                end--;
            }
            String line = text.substring(pos, end);
            pos = next;
            lineNumber++;
            if (lineNumber > limits.maxLines()) {
                throw error(line, "more than " + limits.maxLines() + " lines");
            }
            if (line.length() > limits.maxLineLengthBytes() || SdpGrammar.utf8Length(line) > limits.maxLineLengthBytes()) {
                throw error(line, "line longer than " + limits.maxLineLengthBytes() + " bytes");
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\r' || c == '\0') {
                    throw error(line, (c == '\r' ? "CR" : "NUL") + " inside a line at column " + (i + 1));
                }
            }
            return line;
        }

        private SdpParseException error(String line, String reason) {
            return new SdpParseException(lineNumber, line, reason);
        }
    }

    private static String printable(char c) {
        return c >= 0x21 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
