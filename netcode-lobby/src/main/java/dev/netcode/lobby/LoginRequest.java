package dev.netcode.lobby;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The body of {@code POST /login} as the {@link Authenticator} sees it: a {@code method} (for
 * example {@code "guest"}, {@code "password"}, {@code "steam"}) and the other string fields of the
 * JSON body, already bounded in count and size by the server.
 */
public record LoginRequest(String method, Map<String, String> fields, InetSocketAddress remoteAddress) {
    public LoginRequest {
        fields = Map.copyOf(fields);
    }

    public String field(String name) {
        return fields.get(name);
    }
}
