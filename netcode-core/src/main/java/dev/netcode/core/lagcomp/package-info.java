/**
 * Lag compensation: {@link dev.netcode.core.lagcomp.EntityHistory} remembers where entities were,
 * {@link dev.netcode.core.lagcomp.LagCompensator} rewinds a hit test to the shooter's view time,
 * capped (250 ms by default).
 */
package dev.netcode.core.lagcomp;
