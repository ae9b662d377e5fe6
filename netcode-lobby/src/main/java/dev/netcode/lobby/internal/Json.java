package dev.netcode.lobby.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON decoding of client messages with hard limits, plus typed field readers that turn every
 * malformed field into a {@link ProtocolException} ({@code bad_request}) instead of an NPE.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The frame size limit already bounds the input; the nesting limit stops stack-deep inputs
 *       such as {@code [[[[...]]]]} that fit in a small frame.</li>
 * </ul>
 */
public final class Json {
    /** Mapper for trusted output and bounded input. Thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxNumberLength(32)
                    .maxStringLength(1024 * 1024)
                    .maxNameLength(256)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** Parses one client message: a JSON object with a string {@code type}. */
    public static ObjectNode parseMessage(String text) throws ProtocolException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "message is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "message must be a JSON object");
        }
        if (!object.path("type").isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "message needs a string 'type'");
        }
        JsonNode rid = object.get("rid");
        if (rid != null && !rid.isIntegralNumber() && !rid.isNull()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'rid' must be an integer");
        }
        return object;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode tree always serializes", e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A required string field of 1..maxChars characters. */
    public static String text(JsonNode node, String field, int maxChars) throws ProtocolException {
        String value = optionalText(node, field, maxChars);
        if (value == null || value.isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' is required");
        }
        return value;
    }

    /** An optional string field of at most maxChars characters, or null. */
    public static String optionalText(JsonNode node, String field, int maxChars) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a string");
        }
        if (value.asText().length() > maxChars) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' is longer than " + maxChars + " characters");
        }
        return value.asText();
    }

    public static boolean bool(JsonNode node, String field, boolean defaultValue) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    public static int integer(JsonNode node, String field, int defaultValue, int min, int max) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be an integer in " + min + ".." + max);
        }
        return value.asInt();
    }

    public static double number(JsonNode node, String field, double defaultValue, double min, double max) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isNumber() || !(value.asDouble() >= min && value.asDouble() <= max)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a number in " + min + ".." + max);
        }
        return value.asDouble();
    }

    /**
     * An optional object of string (or, when {@code allowNull}, null) values, bounded in entries and
     * sizes. Null values mean "remove" in property updates.
     */
    public static Map<String, String> stringMap(JsonNode node, String field, int maxEntries, int maxKeyChars,
                                                int maxValueChars, boolean allowNull) throws ProtocolException {
        JsonNode value = node.get(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be an object of strings");
        }
        if (value.size() > maxEntries) {
            throw new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE, "'" + field + "' has more than " + maxEntries + " entries");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty() || e.getKey().length() > maxKeyChars) {
                throw new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE, "property key must be 1.." + maxKeyChars + " characters");
            }
            JsonNode v = e.getValue();
            if (v.isNull() && allowNull) {
                result.put(e.getKey(), null);
            } else if (v.isTextual()) {
                if (v.asText().length() > maxValueChars) {
                    throw new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE, "property '" + e.getKey() + "' is longer than "
                            + maxValueChars + " characters");
                }
                result.put(e.getKey(), v.asText());
            } else {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "property '" + e.getKey() + "' must be a string");
            }
        }
        return result;
    }
}
