package dev.netcode.webrtc.sdp;

/**
 * Bounds the {@link SdpParser} enforces before and while it reads a description, so that a peer
 * cannot make us allocate without limit. Exceeding one gives an {@link SdpParseException} that names
 * the limit.
 *
 * <p>The defaults ({@link #DEFAULT}) leave ample room for real browsers: Chromium 156's offer with
 * one audio, one video and one data section is about 7 KiB, 186 lines, 100 attributes in its video
 * section and 12 candidates.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Sizes are UTF-8 bytes, not Java chars.</li>
 *   <li>A host that aggregates many interfaces (IPv4 + IPv6, several NICs, TCP candidates) lists
 *       several candidates per section; raise {@code maxCandidates} rather than dropping them.</li>
 * </ul>
 *
 * @param maxSizeBytes        whole description, UTF-8 bytes
 * @param maxLines            lines, counting blank ones
 * @param maxLineLengthBytes  one line without its terminator, UTF-8 bytes
 * @param maxMediaSections    {@code m=} sections
 * @param maxAttributesPerSection {@code a=} lines at session level or in any one media section
 * @param maxCandidates       {@code a=candidate} lines in the whole description
 */
public record SdpLimits(int maxSizeBytes, int maxLines, int maxLineLengthBytes, int maxMediaSections,
        int maxAttributesPerSection, int maxCandidates) {

    /** 64 KiB, 4,096 lines of at most 4 KiB, 64 m-sections, 1,024 attributes per section, 256 candidates. */
    public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 4096, 4096, 64, 1024, 256);

    public SdpLimits {
        positive("maxSizeBytes", maxSizeBytes);
        positive("maxLines", maxLines);
        positive("maxLineLengthBytes", maxLineLengthBytes);
        positive("maxMediaSections", maxMediaSections);
        positive("maxAttributesPerSection", maxAttributesPerSection);
        if (maxCandidates < 0) {
            throw new IllegalArgumentException("maxCandidates must be >= 0, got " + maxCandidates);
        }
    }

    public SdpLimits withMaxSizeBytes(int value) {
        return new SdpLimits(value, maxLines, maxLineLengthBytes, maxMediaSections, maxAttributesPerSection, maxCandidates);
    }

    public SdpLimits withMaxLines(int value) {
        return new SdpLimits(maxSizeBytes, value, maxLineLengthBytes, maxMediaSections, maxAttributesPerSection, maxCandidates);
    }

    public SdpLimits withMaxLineLengthBytes(int value) {
        return new SdpLimits(maxSizeBytes, maxLines, value, maxMediaSections, maxAttributesPerSection, maxCandidates);
    }

    public SdpLimits withMaxMediaSections(int value) {
        return new SdpLimits(maxSizeBytes, maxLines, maxLineLengthBytes, value, maxAttributesPerSection, maxCandidates);
    }

    public SdpLimits withMaxAttributesPerSection(int value) {
        return new SdpLimits(maxSizeBytes, maxLines, maxLineLengthBytes, maxMediaSections, value, maxCandidates);
    }

    public SdpLimits withMaxCandidates(int value) {
        return new SdpLimits(maxSizeBytes, maxLines, maxLineLengthBytes, maxMediaSections, maxAttributesPerSection, value);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
