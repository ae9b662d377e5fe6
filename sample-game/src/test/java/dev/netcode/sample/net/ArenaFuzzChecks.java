package dev.netcode.sample.net;

/** Invariants the fuzz tests assert on what decoded; a violation is a finding (IllegalStateException). */
final class ArenaFuzzChecks {
    private ArenaFuzzChecks() {}

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("decoded value out of bounds: " + what);
        }
    }

    /** Null or at most {@code maxChars} characters, none of them a control character. */
    static void text(String s, int maxChars) {
        if (s == null) {
            return;
        }
        check(s.length() <= maxChars, "text of " + s.length() + " chars");
        s.chars().forEach(c -> check(!Character.isISOControl(c), "control character"));
    }
}
