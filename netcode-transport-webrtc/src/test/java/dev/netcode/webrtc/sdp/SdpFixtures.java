package dev.netcode.webrtc.sdp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the real browser SDP in {@code ${netcode.fixtures}/sdp} (set by Surefire). */
final class SdpFixtures {
    static final String CHROMIUM_OFFER = "chromium-156-offer-datachannel.sdp";
    static final String CHROMIUM_ANSWER = "chromium-156-answer-datachannel.sdp";
    static final String CHROMIUM_OFFER_AV = "chromium-156-offer-audio-video-datachannel.sdp";
    static final String FIREFOX_OFFER = "firefox-153esr-offer-datachannel.sdp";
    static final String FIREFOX_ANSWER = "firefox-153esr-answer-datachannel.sdp";
    static final String FIREFOX_OFFER_AV = "firefox-153esr-offer-audio-video-datachannel.sdp";

    private SdpFixtures() {
    }

    static String read(String name) {
        String dir = System.getProperty("netcode.fixtures");
        if (dir == null) {
            throw new IllegalStateException("system property netcode.fixtures is not set (Surefire sets it)");
        }
        try {
            return Files.readString(Path.of(dir, "sdp", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fixture " + name + " under " + dir, e);
        }
    }

    static SessionDescription parse(String name) throws SdpParseException {
        return SessionDescription.parse(read(name));
    }
}
