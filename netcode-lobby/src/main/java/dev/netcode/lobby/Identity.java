package dev.netcode.lobby;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a login proved to be. {@code userId} is the stable id other players see and address
 * signaling to; {@code roles} grant privileges ({@link #ROLE_HOST} may register a dedicated host).
 */
public record Identity(String userId, String displayName, List<String> roles) {
    /** Role required to send {@code host.register}. */
    public static final String ROLE_HOST = "host";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    public Identity {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new IllegalArgumentException("userId must match " + USER_ID + ", got " + userId);
        }
        if (displayName == null || displayName.isEmpty() || displayName.length() > 64) {
            throw new IllegalArgumentException("displayName must be 1..64 chars");
        }
        roles = List.copyOf(roles);
    }
}
