/**
 * Lag compensation: {@link dev.netcode.core.lagcomp.EntityHistory} remembers where entities were,
 * {@link dev.netcode.core.lagcomp.LagCompensator} rewinds a hit test to the shooter's view time,
 * capped (500 ms by default; size it with
 * {@link dev.netcode.core.lagcomp.LagCompensator#maxRewindMsFor}).
 */
package dev.netcode.core.lagcomp;
