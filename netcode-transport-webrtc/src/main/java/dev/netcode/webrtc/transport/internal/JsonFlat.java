package dev.netcode.webrtc.transport.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * A strict reader and writer of flat JSON objects with string values only (RFC 8259 §4, §7): just
 * what {@link Signal} needs, without a JSON library in the transport module. Nesting, numbers,
 * booleans, duplicate members and more than {@value #MAX_MEMBERS} members are refused.
 */
final class JsonFlat {
    static final int MAX_MEMBERS = 16;

    private JsonFlat() {
    }

    static StringBuilder member(StringBuilder sb, String name, String value) {
        quote(sb, name).append(':');
        return quote(sb, value);
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    static Map<String, String> parse(String text) throws SignalFormatException {
        Reader r = new Reader(text);
        Map<String, String> out = new HashMap<>();
        r.skipWs();
        r.expect('{');
        r.skipWs();
        if (r.peek() == '}') {
            r.pos++;
        } else {
            while (true) {
                r.skipWs();
                String name = r.string();
                r.skipWs();
                r.expect(':');
                r.skipWs();
                String value = r.string();
                if (out.put(name, value) != null) {
                    throw new SignalFormatException("duplicate member '" + abbreviate(name) + "'");
                }
                if (out.size() > MAX_MEMBERS) {
                    throw new SignalFormatException("more than " + MAX_MEMBERS + " members");
                }
                r.skipWs();
                char c = r.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new SignalFormatException("expected ',' or '}' at " + (r.pos - 1));
                }
            }
        }
        r.skipWs();
        if (r.pos != text.length()) {
            throw new SignalFormatException("trailing characters at " + r.pos);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        char peek() throws SignalFormatException {
            if (pos >= s.length()) {
                throw new SignalFormatException("unexpected end of input");
            }
            return s.charAt(pos);
        }

        char next() throws SignalFormatException {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) throws SignalFormatException {
            if (next() != c) {
                throw new SignalFormatException("expected '" + c + "' at " + (pos - 1));
            }
        }

        void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        String string() throws SignalFormatException {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new SignalFormatException("control character in string at " + (pos - 1));
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int v = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(next(), 16);
                            if (d < 0) {
                                throw new SignalFormatException("bad \\u escape at " + (pos - 1));
                            }
                            v = v * 16 + d;
                        }
                        sb.append((char) v);
                    }
                    default -> throw new SignalFormatException("bad escape at " + (pos - 1));
                }
            }
        }
    }
}
