/**
 * Seeded arena AI. {@link dev.netcode.sample.bot.BotBrain} turns an
 * {@link dev.netcode.sample.sim.ArenaView} into one {@link dev.netcode.sample.sim.PlayerInput} per
 * tick (wander, chase the nearest enemy, strafe, fire when aligned), so the same brain can play
 * in-process on a host ({@link dev.netcode.sample.bot.LocalBots}) or as a networked headless client
 * reading its interpolated view.
 */
package dev.netcode.sample.bot;
