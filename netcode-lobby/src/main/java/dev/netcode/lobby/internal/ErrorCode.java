package dev.netcode.lobby.internal;

/** The {@code code} strings of {@code error} messages; PROTOCOL.md lists them with their meaning. */
public final class ErrorCode {
    public static final String BAD_REQUEST = "bad_request";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String NOT_FOUND = "not_found";
    public static final String ROOM_FULL = "room_full";
    public static final String ROOM_LIMIT = "room_limit";
    public static final String ALREADY_IN_ROOM = "already_in_room";
    public static final String NOT_IN_ROOM = "not_in_room";
    public static final String NOT_HOST = "not_host";
    public static final String FORBIDDEN = "forbidden";
    public static final String PEER_OFFLINE = "peer_offline";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNKNOWN_MODE = "unknown_mode";
    public static final String QUEUE_FULL = "queue_full";
    public static final String ALREADY_QUEUED = "already_queued";
    public static final String NOT_REGISTERED = "not_registered";
    public static final String TURN_UNAVAILABLE = "turn_unavailable";
    public static final String INTERNAL = "internal";

    private ErrorCode() {}
}
