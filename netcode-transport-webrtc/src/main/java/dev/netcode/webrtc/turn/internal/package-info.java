/** Wire formats of the TURN client: TURN attributes, ChannelData, TCP stream framing. */
package dev.netcode.webrtc.turn.internal;
