// Netcode WebRTC test harness: the in-page half of ChromiumPage.
//
// Java drives this file through chromedriver's executeAsyncScript. Every entry point is reached
// through nc.invoke(name, args), which always resolves (never rejects) with either
// {ok: true, value} or {ok: false, error}, so a JS failure becomes a typed Java exception with the
// page's console log attached instead of a Selenium timeout.
//
// Objects live in the page and are named by string ids ('pc1', 'dc3'), so one page can hold any
// number of RTCPeerConnections and DataChannels. Binary data crosses the Java/JS boundary as base64.
'use strict';
(function () {
  const MAX_CONSOLE_LINES = 1000;
  const consoleLines = [];

  function formatArg(a) {
    if (a instanceof Error) return a.stack || String(a);
    if (typeof a === 'object') {
      try { return JSON.stringify(a); } catch (e) { return String(a); }
    }
    return String(a);
  }

  function record(level, args) {
    consoleLines.push(new Date().toISOString() + ' ' + level + ' ' + Array.from(args).map(formatArg).join(' '));
    if (consoleLines.length > MAX_CONSOLE_LINES) consoleLines.shift();
  }

  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[level].bind(console);
    console[level] = function (...args) { record(level, args); original(...args); };
  }
  window.addEventListener('error', e => record('uncaught', [e.message + ' at ' + e.filename + ':' + e.lineno]));
  window.addEventListener('unhandledrejection', e => record('unhandledrejection', [e.reason]));

  let nextId = 1;
  const peers = new Map();
  const channels = new Map();

  function peer(id) {
    const p = peers.get(id);
    if (!p) throw new Error('no such peer: ' + id);
    return p;
  }

  function channel(id) {
    const c = channels.get(id);
    if (!c) throw new Error('no such channel: ' + id);
    return c;
  }

  function b64encode(bytes) {
    // String.fromCharCode on a huge array overflows the stack: go in chunks.
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(s);
  }

  function b64decode(text) {
    const s = atob(text);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  }

  function sleep(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }

  // Polls instead of relying on one event: a state may already have been reached (or skipped) by
  // the time Java asks, and polling also catches states we have no event for.
  async function waitUntil(predicate, describe, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const verdict = predicate();
      if (verdict === true) return;
      if (typeof verdict === 'string') throw new Error(verdict);
      if (performance.now() > deadline) throw new Error('timed out after ' + timeoutMs + ' ms waiting for ' + describe());
      await sleep(5);
    }
  }

  function peerSummary(p) {
    const pc = p.pc;
    return {
      id: p.id,
      connectionState: pc.connectionState,
      iceConnectionState: pc.iceConnectionState,
      iceGatheringState: pc.iceGatheringState,
      signalingState: pc.signalingState,
      localCandidates: p.candidates.length,
      candidateErrors: p.candidateErrors.slice(),
      log: p.log.slice(-40),
    };
  }

  function channelSummary(c) {
    const dc = c.dc;
    return {
      id: c.id,
      peerId: c.peerId,
      label: dc.label,
      protocol: dc.protocol,
      streamId: dc.id,
      readyState: dc.readyState,
      ordered: dc.ordered,
      maxRetransmits: dc.maxRetransmits,
      maxPacketLifeTime: dc.maxPacketLifeTime,
      negotiated: dc.negotiated,
      bufferedAmount: dc.bufferedAmount,
      bufferedAmountLowThreshold: dc.bufferedAmountLowThreshold,
      bufferedAmountLowEvents: c.lowEvents,
      mode: c.mode,
      remote: c.remote,
      queued: c.messages.length,
      overflow: c.overflow,
      receivedMessages: c.receivedMessages,
      receivedBytes: c.receivedBytes,
      errors: c.errors.slice(),
    };
  }

  function registerChannel(p, dc, remote) {
    const id = 'dc' + nextId++;
    const c = {
      id, peerId: p.id, dc, remote,
      mode: remote && p.echoIncoming ? 'echo' : 'collect',
      messages: [], maxMessages: p.maxQueuedMessages, overflow: 0,
      receivedMessages: 0, receivedBytes: 0, lowEvents: 0, errors: [],
      onRaw: null,
    };
    dc.binaryType = 'arraybuffer';
    dc.onopen = () => p.log.push(stamp('channel ' + dc.label + ' open'));
    dc.onclose = () => p.log.push(stamp('channel ' + dc.label + ' closed'));
    dc.onerror = e => {
      const text = e.error ? (e.error.errorDetail + ': ' + e.error.message) : String(e);
      c.errors.push(text);
      record('error', ['datachannel ' + dc.label + ' error: ' + text]);
    };
    dc.onbufferedamountlow = () => { c.lowEvents++; if (c.onLow) c.onLow(); };
    dc.onmessage = e => {
      const data = e.data;
      const size = typeof data === 'string' ? data.length : data.byteLength;
      c.receivedMessages++;
      c.receivedBytes += size;
      if (c.onRaw) { c.onRaw(data); return; }
      if (c.mode === 'echo') { dc.send(data); return; }
      if (c.mode === 'discard') return;
      if (c.messages.length >= c.maxMessages) { c.overflow++; return; }
      c.messages.push(typeof data === 'string'
          ? {binary: false, text: data}
          : {binary: true, base64: b64encode(new Uint8Array(data))});
    };
    channels.set(id, c);
    p.channelIds.push(id);
    return c;
  }

  function stamp(text) { return performance.now().toFixed(1) + 'ms ' + text; }

  function toRtcConfig(config) {
    const rtc = {};
    if (config.iceServers) rtc.iceServers = config.iceServers;
    if (config.iceTransportPolicy) rtc.iceTransportPolicy = config.iceTransportPolicy;
    if (config.bundlePolicy) rtc.bundlePolicy = config.bundlePolicy;
    if (config.iceCandidatePoolSize != null) rtc.iceCandidatePoolSize = config.iceCandidatePoolSize;
    return rtc;
  }

  function toInit(init) {
    const out = {};
    for (const key of ['ordered', 'maxRetransmits', 'maxPacketLifeTime', 'protocol', 'negotiated', 'id']) {
      if (init && init[key] !== undefined && init[key] !== null) out[key] = init[key];
    }
    return out;
  }

  function describe(desc) { return desc ? {type: desc.type, sdp: desc.sdp} : null; }

  // A candidate may arrive before the remote description it belongs to: hold it until then.
  function isLoopback(json) {
    const fields = json.candidate.split(' ');
    return fields.length > 4 && fields[2].toLowerCase() === 'udp' && (fields[4] === '127.0.0.1' || fields[4] === '::1');
  }

  // Without a=candidate lines, so only the trickled (possibly filtered) candidates count.
  function withoutCandidates(desc) {
    return {type: desc.type, sdp: desc.sdp.split('\r\n').filter(l => !l.startsWith('a=candidate:')).join('\r\n')};
  }

  function forwardCandidate(target, json) {
    if (target.loopbackOnly && !isLoopback(json)) return;
    target.pendingForwarded.push(json);
    flushForwarded(target);
  }

  function flushForwarded(target) {
    if (!target.pc.remoteDescription) return;
    for (const json of target.pendingForwarded.splice(0)) {
      target.pc.addIceCandidate(json).catch(err => record('error', ['forwarded candidate rejected', err]));
    }
  }

  async function connectPair(offerer, answerer, timeoutMs, loopbackOnly) {
    const a = peer(offerer), b = peer(answerer);
    // Trickle straight across: the pair lives in one page, no signaling server needed.
    a.forwardTo = b; b.forwardTo = a;
    a.loopbackOnly = b.loopbackOnly = !!loopbackOnly;
    await a.pc.setLocalDescription(await a.pc.createOffer());
    await b.pc.setRemoteDescription(withoutCandidates(a.pc.localDescription));
    flushForwarded(b);
    await b.pc.setLocalDescription(await b.pc.createAnswer());
    await a.pc.setRemoteDescription(withoutCandidates(b.pc.localDescription));
    flushForwarded(a);
    await waitUntil(() => {
      for (const x of [a, b]) {
        if (x.pc.connectionState === 'failed') return 'peer ' + x.id + ' failed: ' + JSON.stringify(peerSummary(x));
      }
      return a.pc.connectionState === 'connected' && b.pc.connectionState === 'connected';
    }, () => 'both peers connected: ' + JSON.stringify([peerSummary(a), peerSummary(b)]), timeoutMs);
  }

  const api = {
    createPeer(config, options) {
      const pc = new RTCPeerConnection(toRtcConfig(config || {}));
      const id = 'pc' + nextId++;
      const p = {
        id, pc, candidates: [], drained: 0, gatheringComplete: false, candidateErrors: [], log: [],
        channelIds: [], echoIncoming: !!(options && options.echoIncoming),
        maxQueuedMessages: (options && options.maxQueuedMessages) || 10000, forwardTo: null, pendingForwarded: [],
      };
      pc.onicecandidate = e => {
        if (e.candidate) {
          const json = e.candidate.toJSON();
          p.candidates.push(json);
          if (p.forwardTo) forwardCandidate(p.forwardTo, json);
        } else {
          p.gatheringComplete = true;
        }
      };
      pc.onicecandidateerror = e => {
        const text = e.url + ' ' + e.errorCode + ' ' + e.errorText;
        if (p.candidateErrors.length < 50) p.candidateErrors.push(text);
      };
      pc.onconnectionstatechange = () => p.log.push(stamp('connectionState ' + pc.connectionState));
      pc.oniceconnectionstatechange = () => p.log.push(stamp('iceConnectionState ' + pc.iceConnectionState));
      pc.onicegatheringstatechange = () => p.log.push(stamp('iceGatheringState ' + pc.iceGatheringState));
      pc.onsignalingstatechange = () => p.log.push(stamp('signalingState ' + pc.signalingState));
      pc.ondatachannel = e => {
        const c = registerChannel(p, e.channel, true);
        p.log.push(stamp('datachannel event ' + e.channel.label + ' -> ' + c.id));
      };
      peers.set(id, p);
      return id;
    },

    closePeer(peerId) {
      const p = peer(peerId);
      p.pc.close();
      for (const cid of p.channelIds) channels.delete(cid);
      peers.delete(peerId);
      return null;
    },

    closeAll() {
      for (const id of Array.from(peers.keys())) api.closePeer(id);
      return null;
    },

    createDataChannel(peerId, label, init) {
      const p = peer(peerId);
      return registerChannel(p, p.pc.createDataChannel(label, toInit(init)), false).id;
    },

    addTransceiver(peerId, kind) {
      peer(peerId).pc.addTransceiver(kind);
      return null;
    },

    transportFacts(peerId) {
      const pc = peer(peerId).pc;
      return {
        sctp: pc.sctp !== null,
        activeTransceivers: pc.getTransceivers().filter(t => t.currentDirection !== 'stopped').length,
      };
    },

    async createOffer(peerId) { return describe(await peer(peerId).pc.createOffer()); },
    async createAnswer(peerId) { return describe(await peer(peerId).pc.createAnswer()); },

    async setLocalDescription(peerId, desc) {
      const pc = peer(peerId).pc;
      if (desc) await pc.setLocalDescription(desc); else await pc.setLocalDescription();
      return describe(pc.localDescription);
    },

    async setRemoteDescription(peerId, desc) {
      const pc = peer(peerId).pc;
      await pc.setRemoteDescription(desc);
      return describe(pc.remoteDescription);
    },

    async addIceCandidate(peerId, candidate) {
      // null means end-of-candidates.
      await peer(peerId).pc.addIceCandidate(candidate || undefined);
      return null;
    },

    localDescription(peerId) { return describe(peer(peerId).pc.localDescription); },
    remoteDescription(peerId) { return describe(peer(peerId).pc.remoteDescription); },

    async awaitGatheringComplete(peerId, timeoutMs) {
      const p = peer(peerId);
      await waitUntil(() => p.gatheringComplete || p.pc.iceGatheringState === 'complete',
          () => 'ICE gathering complete on ' + JSON.stringify(peerSummary(p)), timeoutMs);
      return describe(p.pc.localDescription);
    },

    drainCandidates(peerId) {
      const p = peer(peerId);
      const fresh = p.candidates.slice(p.drained);
      p.drained = p.candidates.length;
      return {candidates: fresh, complete: p.gatheringComplete};
    },

    peerState(peerId) { return peerSummary(peer(peerId)); },

    async stats(peerId) {
      const out = [];
      (await peer(peerId).pc.getStats()).forEach(r => out.push(JSON.parse(JSON.stringify(r))));
      return out;
    },

    async selectedCandidatePair(peerId) {
      // From getStats: the transport's selected pair and its two candidates, or null before one is chosen.
      const stats = await peer(peerId).pc.getStats();
      let pairId = null;
      stats.forEach(r => { if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId; });
      if (!pairId) return null;
      const pair = stats.get(pairId);
      const local = stats.get(pair.localCandidateId), remote = stats.get(pair.remoteCandidateId);
      const side = c => ({address: c.address || c.ip || '', port: c.port, type: c.candidateType, protocol: c.protocol});
      return {local: side(local), remote: side(remote), state: pair.state, nominated: !!pair.nominated,
              currentRoundTripTimeMs: pair.currentRoundTripTime == null ? null : pair.currentRoundTripTime * 1000};
    },

    async awaitPeerState(peerId, property, wanted, timeoutMs) {
      const p = peer(peerId);
      await waitUntil(() => {
        const now = p.pc[property];
        if (wanted.includes(now)) return true;
        if ((now === 'failed' || now === 'closed') && !wanted.includes(now)) {
          return property + ' of ' + peerId + ' became ' + now + ' while waiting for ' + wanted + ': ' + JSON.stringify(peerSummary(p));
        }
        return false;
      }, () => property + ' in ' + wanted + ' on ' + JSON.stringify(peerSummary(p)), timeoutMs);
      return p.pc[property];
    },

    async awaitRemoteChannel(peerId, label, timeoutMs) {
      const p = peer(peerId);
      let found = null;
      await waitUntil(() => {
        for (const cid of p.channelIds) {
          const c = channels.get(cid);
          if (c && c.remote && c.dc.label === label && !c.claimed) { found = c; return true; }
        }
        return false;
      }, () => 'a remote data channel labelled ' + label + ' on ' + JSON.stringify(peerSummary(p)), timeoutMs);
      found.claimed = true;
      return found.id;
    },

    channelState(channelId) { return channelSummary(channel(channelId)); },

    async awaitChannelState(channelId, wanted, timeoutMs) {
      const c = channel(channelId);
      await waitUntil(() => {
        const now = c.dc.readyState;
        if (wanted.includes(now)) return true;
        if (now === 'closed') return 'channel ' + channelId + ' closed while waiting for ' + wanted + ': ' + JSON.stringify(channelSummary(c));
        return false;
      }, () => 'readyState in ' + wanted + ' on ' + JSON.stringify(channelSummary(c)), timeoutMs);
      return c.dc.readyState;
    },

    setChannelMode(channelId, mode) {
      if (!['collect', 'echo', 'discard'].includes(mode)) throw new Error('unknown mode ' + mode);
      channel(channelId).mode = mode;
      return null;
    },

    setBufferedAmountLowThreshold(channelId, bytes) {
      channel(channelId).dc.bufferedAmountLowThreshold = bytes;
      return null;
    },

    sendText(channelId, texts) {
      const dc = channel(channelId).dc;
      for (const t of texts) dc.send(t);
      return dc.bufferedAmount;
    },

    sendBinary(channelId, base64s) {
      const dc = channel(channelId).dc;
      for (const b of base64s) dc.send(b64decode(b));
      return dc.bufferedAmount;
    },

    drainMessages(channelId, max) {
      const c = channel(channelId);
      return c.messages.splice(0, Math.min(max, c.messages.length));
    },

    async awaitMessages(channelId, count, timeoutMs) {
      const c = channel(channelId);
      await waitUntil(() => c.messages.length >= count || (c.overflow > 0 && 'message buffer of ' + channelId + ' overflowed: ' + JSON.stringify(channelSummary(c))),
          () => count + ' queued messages on ' + JSON.stringify(channelSummary(c)), timeoutMs);
      return c.messages.splice(0, count);
    },

    closeChannel(channelId) {
      channel(channelId).dc.close();
      return null;
    },

    async requestAudio() {
      // With a media permission Chromium lists raw host addresses (loopback included) instead of
      // mDNS names: that is what two peers in one page need to reach each other.
      const stream = await navigator.mediaDevices.getUserMedia({audio: true});
      const tracks = stream.getTracks().length;
      stream.getTracks().forEach(t => t.stop());
      return tracks;
    },

    async connectPair(offerer, answerer, timeoutMs, loopbackOnly) {
      await connectPair(offerer, answerer, timeoutMs, loopbackOnly);
      return [peerSummary(peer(offerer)), peerSummary(peer(answerer))];
    },

    async benchThroughput(senderId, receiverId, sizeBytes, totalBytes, timeoutMs) {
      const s = channel(senderId), r = channel(receiverId);
      const dc = s.dc;
      const payload = new Uint8Array(sizeBytes);
      for (let i = 0; i < sizeBytes; i++) payload[i] = i & 0xff;
      // Flow control as an application should do it: fill to a high-water mark, refill on the
      // bufferedamountlow event. Chromium closes a channel whose send buffer exceeds 16 MiB.
      const low = Math.max(1024 * 1024, 4 * sizeBytes);
      const high = 4 * low;
      dc.bufferedAmountLowThreshold = low;
      let received = 0, sent = 0, t0 = 0, t1 = 0;
      let finish, fail;
      const done = new Promise((resolve, reject) => { finish = resolve; fail = reject; });
      r.onRaw = data => {
        received += typeof data === 'string' ? data.length : data.byteLength;
        if (received >= totalBytes) { t1 = performance.now(); finish(); }
      };
      const pump = () => {
        try {
          while (sent < totalBytes && dc.bufferedAmount <= high) {
            dc.send(payload);
            sent += sizeBytes;
          }
        } catch (e) { fail(e); }
      };
      s.onLow = pump;
      const timer = setTimeout(() => fail(new Error('throughput run timed out after ' + timeoutMs + ' ms: sent '
          + sent + ' received ' + received + ' of ' + totalBytes + ' bytes, ' + JSON.stringify(channelSummary(s)))), timeoutMs);
      t0 = performance.now();
      pump();
      try {
        await done;
      } finally {
        clearTimeout(timer);
        s.onLow = null;
        r.onRaw = null;
      }
      const elapsedMs = t1 - t0;
      return {sizeBytes, totalBytes: received, elapsedMs, megabytesPerSecond: received / 1e6 / (elapsedMs / 1000)};
    },

    async benchRtt(channelId, sizeBytes, count, warmup, timeoutMs) {
      // The far end of this channel must be in 'echo' mode.
      const c = channel(channelId);
      const payload = new Uint8Array(sizeBytes);
      let wake = null;
      c.onRaw = () => { const w = wake; wake = null; if (w) w(); };
      const samplesUs = [];
      // One deadline timer for the whole run, not one per sample.
      let timer;
      const timedOut = new Promise(resolve => { timer = setTimeout(resolve, timeoutMs); });
      try {
        for (let i = 0; i < warmup + count; i++) {
          const echoed = new Promise(resolve => { wake = resolve; });
          const t = performance.now();
          c.dc.send(payload);
          await Promise.race([echoed, timedOut]);
          if (wake !== null) throw new Error('RTT run timed out after ' + timeoutMs + ' ms at sample ' + i + ': ' + JSON.stringify(channelSummary(c)));
          if (i >= warmup) samplesUs.push((performance.now() - t) * 1000);
        }
      } finally {
        clearTimeout(timer);
        c.onRaw = null;
      }
      samplesUs.sort((x, y) => x - y);
      const rank = q => samplesUs[Math.min(samplesUs.length - 1, Math.max(0, Math.ceil(q * samplesUs.length) - 1))];
      const mean = samplesUs.reduce((a, b) => a + b, 0) / samplesUs.length;
      return {
        sizeBytes, samples: samplesUs.length, p50Us: rank(0.5), p99Us: rank(0.99), meanUs: mean,
        minUs: samplesUs[0], maxUs: samplesUs[samplesUs.length - 1], crossOriginIsolated: !!self.crossOriginIsolated,
      };
    },

    environment() {
      return {
        userAgent: navigator.userAgent,
        crossOriginIsolated: !!self.crossOriginIsolated,
        secureContext: !!self.isSecureContext,
        peers: peers.size,
        channels: channels.size,
      };
    },

    console() { return consoleLines.slice(); },
  };

  window.nc = {
    ready: true,
    async invoke(name, args) {
      try {
        const fn = api[name];
        if (!fn) throw new Error('unknown harness function ' + name);
        const value = await fn.apply(null, args || []);
        return {ok: true, value: value === undefined ? null : value};
      } catch (e) {
        record('harness-error', [name + ': ' + (e && e.stack ? e.stack : String(e))]);
        return {ok: false, error: name + ': ' + (e && e.message ? e.message : String(e))};
      }
    },
  };
})();
