/** Grammar helpers of the SDP layer; no compatibility promise. */
package dev.netcode.webrtc.sdp.internal;
