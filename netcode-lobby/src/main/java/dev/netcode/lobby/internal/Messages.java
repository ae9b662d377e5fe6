package dev.netcode.lobby.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builders for the server's three message shapes: {@code ok}, {@code error} and events. */
public final class Messages {
    private Messages() {}

    /** {@code {"type":"ok","rid":n,"data":{...}}}. */
    public static ObjectNode ok(JsonNode rid, JsonNode data) {
        ObjectNode node = Json.object();
        node.put("type", "ok");
        if (rid != null && !rid.isNull()) {
            node.set("rid", rid);
        }
        node.set("data", data == null ? Json.object() : data);
        return node;
    }

    /** {@code {"type":"error","rid":n,"code":"...","message":"..."}}; rid omitted when unknown. */
    public static ObjectNode error(JsonNode rid, String code, String message) {
        ObjectNode node = Json.object();
        node.put("type", "error");
        if (rid != null && !rid.isNull()) {
            node.set("rid", rid);
        }
        node.put("code", code);
        node.put("message", message);
        return node;
    }

    public static ObjectNode event(String type) {
        ObjectNode node = Json.object();
        node.put("type", type);
        return node;
    }
}
