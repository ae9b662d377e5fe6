package dev.netcode.webrtc.ice;

/**
 * Priority formulas of RFC 8445.
 *
 * <pre>
 * candidate (§5.1.2.1):  priority = (2^24)*(type preference) + (2^8)*(local preference) + (2^0)*(256 - component ID)
 * pair (§6.1.2.3):       pair priority = 2^32*MIN(G,D) + 2*MAX(G,D) + (G&gt;D?1:0)
 *                        G = controlling agent's candidate priority, D = controlled agent's
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Pair priorities need 64 bits and are compared as unsigned: with formula-made candidate
 *       priorities (below 2^31) the result can exceed {@link Long#MAX_VALUE}. Use
 *       {@link Long#compareUnsigned}. A hostile remote priority above 2^31 only misorders its own
 *       pairs.</li>
 *   <li>Both agents must compute the same pair priority: G is always the controlling side's
 *       candidate, whichever side computes it.</li>
 * </ul>
 */
public final class IcePriority {
    private IcePriority() {
    }

    /**
     * RFC 8445 §5.1.2.1.
     *
     * @param typePreference  0..126
     * @param localPreference 0..65535
     * @param componentId     1..256
     */
    public static long candidatePriority(int typePreference, int localPreference, int componentId) {
        if (typePreference < 0 || typePreference > 126) {
            throw new IllegalArgumentException("type preference must be 0..126: " + typePreference);
        }
        if (localPreference < 0 || localPreference > 65535) {
            throw new IllegalArgumentException("local preference must be 0..65535: " + localPreference);
        }
        if (componentId < 1 || componentId > 256) {
            throw new IllegalArgumentException("component id must be 1..256: " + componentId);
        }
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }

    /** RFC 8445 §6.1.2.3 with {@code g} the controlling and {@code d} the controlled candidate priority. */
    public static long pairPriority(long g, long d) {
        long min = Math.min(g, d);
        long max = Math.max(g, d);
        return (min << 32) + 2 * max + (g > d ? 1 : 0);
    }

    /** Pair priority as seen by an agent in {@code role}, from its local and the remote candidate priority. */
    public static long pairPriority(IceRole role, long localPriority, long remotePriority) {
        return role == IceRole.CONTROLLING ? pairPriority(localPriority, remotePriority) : pairPriority(remotePriority, localPriority);
    }
}
