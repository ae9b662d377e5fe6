package dev.netcode.core.conditioner;

import java.util.Locale;

/**
 * Named network conditions for tests, the launcher ({@code --preset broadband-p95}) and a game's
 * debug menu. Figures are round-trip latency, round-trip jitter and per-direction loss, applied as
 * {@link LinkProfile#fromRoundTrip}: a client on {@code broadband-p50} measures about 66 ms RTT.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>name</th><th>RTT</th><th>jitter</th><th>loss</th><th>meaning</th></tr>
 *   <tr><td>lan</td><td>1 ms</td><td>0 ms</td><td>0 %</td><td>same room</td></tr>
 *   <tr><td>broadband-p50</td><td>66 ms</td><td>11 ms</td><td>3 %</td><td>typical home connection</td></tr>
 *   <tr><td>broadband-p95</td><td>151 ms</td><td>11 ms</td><td>4 %</td><td>bad home connection</td></tr>
 *   <tr><td>4g-p95</td><td>185 ms</td><td>15 ms</td><td>6 %</td><td>bad mobile connection</td></tr>
 *   <tr><td>unplayable</td><td>300 ms</td><td>400 ms</td><td>30 %</td><td>the game must survive, not shine</td></tr>
 * </table>
 */
public enum LinkPreset {
    LAN("lan", 1, 0, 0),
    BROADBAND_P50("broadband-p50", 66, 11, 3),
    BROADBAND_P95("broadband-p95", 151, 11, 4),
    MOBILE_4G_P95("4g-p95", 185, 15, 6),
    UNPLAYABLE("unplayable", 300, 400, 30);

    private final String cliName;
    private final LinkProfile profile;

    LinkPreset(String cliName, double rttMs, double rttJitterMs, double lossPercent) {
        this.cliName = cliName;
        this.profile = LinkProfile.fromRoundTrip(cliName, rttMs, rttJitterMs, lossPercent);
    }

    /** The lower-case name used on the command line, e.g. {@code broadband-p50}. */
    public String cliName() {
        return cliName;
    }

    public LinkProfile profile() {
        return profile;
    }

    /** Parses a {@link #cliName()} (case-insensitive; underscores accepted for dashes). */
    public static LinkPreset fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (LinkPreset p : values()) {
            if (p.cliName.equals(wanted) || p.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
                return p;
            }
        }
        StringBuilder known = new StringBuilder();
        for (LinkPreset p : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(p.cliName);
        }
        throw new IllegalArgumentException("unknown link preset '" + name + "'; known: " + known);
    }
}
