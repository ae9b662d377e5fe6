package dev.netcode.webrtc;

import java.util.Locale;
import java.util.Objects;

/**
 * An offer or answer as it travels over signaling, like W3C {@code RTCSessionDescriptionInit}:
 * a type and the SDP text. JSON signaling usually carries {@code {"type":"offer","sdp":"..."}};
 * {@link Type#jsonName()} and {@link Type#fromJsonName(String)} map the type.
 *
 * @param type offer or answer (no pranswer/rollback: they are not supported)
 * @param sdp  the session description, CRLF line endings as written by {@link PeerConnection}
 */
public record SessionDescriptionInit(Type type, String sdp) {

    /** The {@code type} of a description. */
    public enum Type {
        OFFER,
        ANSWER;

        /** {@code "offer"} or {@code "answer"}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException for anything but {@code offer} or {@code answer}
         */
        public static Type fromJsonName(String name) {
            if ("offer".equals(name)) {
                return OFFER;
            }
            if ("answer".equals(name)) {
                return ANSWER;
            }
            throw new IllegalArgumentException("unsupported description type '" + name + "' (offer or answer)");
        }
    }

    public SessionDescriptionInit {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sdp, "sdp");
    }

    public static SessionDescriptionInit offer(String sdp) {
        return new SessionDescriptionInit(Type.OFFER, sdp);
    }

    public static SessionDescriptionInit answer(String sdp) {
        return new SessionDescriptionInit(Type.ANSWER, sdp);
    }
}
