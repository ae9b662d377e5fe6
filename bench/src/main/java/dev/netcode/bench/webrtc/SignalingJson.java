package dev.netcode.bench.webrtc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the webrtc-echoes signaling contract needs: one flat object whose values are
 * strings (or numbers, booleans, null, which are kept as their text). Written by hand because the
 * transport has no JSON dependency and this is all that is needed.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Nested objects and arrays are refused ({@link IllegalArgumentException}), not skipped.</li>
 *   <li>Input is hostile (it arrives over HTTP): the caller bounds its size; parsing is linear and
 *       never recursive.</li>
 * </ul>
 */
public final class SignalingJson {
    private SignalingJson() {
    }

    /**
     * Parses {@code {"k":"v",...}}.
     *
     * @throws IllegalArgumentException for anything else, with the offset
     */
    public static Map<String, String> parseFlatObject(String text) {
        Parser p = new Parser(text);
        Map<String, String> out = new LinkedHashMap<>();
        p.skipWhitespace();
        p.expect('{');
        p.skipWhitespace();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.skipWhitespace();
                String key = p.string();
                p.skipWhitespace();
                p.expect(':');
                p.skipWhitespace();
                out.put(key, p.value());
                p.skipWhitespace();
                char c = p.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw p.error("expected ',' or '}'");
                }
            }
        }
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return out;
    }

    /** A JSON string literal for {@code s}, quotes included. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
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
        return sb.append('"').toString();
    }

    /** {@code {"type":"...","sdp":"..."}}. */
    public static String description(String type, String sdp) {
        return "{\"type\":" + quote(type) + ",\"sdp\":" + quote(sdp) + "}";
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        void skipWhitespace() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        String value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '{' || c == '[') {
                throw error("nested values are not supported");
            }
            int start = pos;
            while (pos < s.length() && ",} \t\r\n".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            String literal = s.substring(start, pos);
            if (!literal.matches("-?[0-9.eE+-]+|true|false|null")) {
                throw error("bad literal");
            }
            return literal;
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad JSON at offset " + pos + ": " + what);
        }
    }
}
