package dev.netcode.bench.lobby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated lobby session of the load generator: the last handler of a Netty WebSocket client
 * pipeline. It completes {@link #ready} on {@code session.ready}, matches {@code ok}/{@code error}
 * replies to requests by {@code rid}, and timestamps relayed signals: the payload starts with the
 * sender's {@link System#nanoTime()} (sender and receiver share the JVM, so one clock).
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Everything but {@link #request} and {@link #sendSignal} runs on the channel's event loop;
 *       those two may be called from any thread (Netty queues the write).</li>
 *   <li>JSON is written by hand for the hot path (a signal): the user ids and the payload are
 *       known to be plain ASCII without quotes.</li>
 * </ul>
 */
final class BenchSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long KEEPALIVE_SECONDS = 60;

    final String userId;
    final CompletableFuture<BenchSession> ready = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextRid;
    private final Counters counters;
    private volatile Channel channel;
    volatile String signalTarget;
    private java.util.concurrent.ScheduledFuture<?> keepAlive;

    /** Counters shared by every session of one run. */
    static final class Counters {
        final AtomicLong signalsAcked = new AtomicLong();
        final AtomicLong signalErrors = new AtomicLong();
        final AtomicLong framesIn = new AtomicLong();
        /** The measurement window signals are attributed to, by their send time; null between windows. */
        volatile Window window;
    }

    /**
     * One measurement step: signals sent within {@code [startNs, endNs)} count as sent, and as
     * received (with their latency) whenever they arrive, as long as the window is current.
     */
    static final class Window {
        final long startNs;
        final long endNs;
        final LatencyHistogram latency = new LatencyHistogram();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();

        Window(long startNs, long endNs) {
            this.startNs = startNs;
            this.endNs = endNs;
        }

        boolean contains(long ns) {
            return ns - startNs >= 0 && ns - endNs < 0;
        }
    }

    BenchSession(String userId, AtomicLong nextRid, Counters counters) {
        this.userId = userId;
        this.nextRid = nextRid;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    /** Sends {@code {"type":type,"rid":n,...}}; completes with the reply's {@code data}. */
    CompletableFuture<JsonNode> request(String type, String fieldsJson) {
        long rid = nextRid.getAndIncrement();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(rid, reply);
        String text = "{\"type\":\"" + type + "\",\"rid\":" + rid + (fieldsJson.isEmpty() ? "" : "," + fieldsJson) + "}";
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> {
            if (!f.isSuccess()) {
                pending.remove(rid);
                reply.completeExceptionally(f.cause());
            }
        });
        return reply;
    }

    /** A timestamped signal to {@link #signalTarget}, padded with {@code padding}; reply counted, not awaited. */
    void sendSignal(String padding) {
        Channel c = channel;
        String target = signalTarget;
        if (c == null || target == null || !c.isActive()) {
            return;
        }
        long rid = -nextRid.getAndIncrement(); // negative: a signal ack, not a pending request
        long nowNs = System.nanoTime();
        String text = "{\"type\":\"signal\",\"rid\":" + rid + ",\"to\":\"" + target + "\",\"kind\":\"data\",\"payload\":\""
                + nowNs + ' ' + padding + "\"}";
        Window w = counters.window;
        if (w != null && w.contains(nowNs)) {
            w.sent.incrementAndGet();
        }
        c.writeAndFlush(new TextWebSocketFrame(text), c.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        counters.framesIn.incrementAndGet();
        String s = text.text();
        // Fast path for the relayed signal: parse only the timestamp.
        if (s.startsWith("{\"type\":\"signal\"")) {
            int at = s.indexOf("\"payload\":\"");
            if (at >= 0) {
                int start = at + 11;
                int end = s.indexOf(' ', start);
                long sentNs = Long.parseLong(s, start, end, 10);
                Window w = counters.window;
                if (w != null && w.contains(sentNs)) {
                    w.received.incrementAndGet();
                    w.latency.record(System.nanoTime() - sentNs);
                }
            }
            return;
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(s);
        } catch (IOException e) {
            return;
        }
        String type = msg.path("type").asText();
        long rid = msg.path("rid").asLong(0);
        if (rid < 0) {
            if (type.equals("ok")) {
                counters.signalsAcked.incrementAndGet();
            } else {
                counters.signalErrors.incrementAndGet();
            }
            return;
        }
        if (rid > 0 && (type.equals("ok") || type.equals("error"))) {
            CompletableFuture<JsonNode> reply = pending.remove(rid);
            if (reply != null) {
                if (type.equals("ok")) {
                    reply.complete(msg.path("data"));
                } else {
                    reply.completeExceptionally(new IllegalStateException(msg.path("code").asText() + ": " + msg.path("message").asText()));
                }
            }
            return;
        }
        if (type.equals("session.ready")) {
            // Keep the session alive through long connect phases: the lobby closes a connection
            // that sends nothing for 120 s. A ping without rid gets no reply.
            keepAlive = ctx.channel().eventLoop().scheduleAtFixedRate(
                    () -> ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"ping\"}"), ctx.voidPromise()),
                    KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            ready.complete(this);
        } else if (type.equals("error")) {
            counters.signalErrors.incrementAndGet();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        IllegalStateException gone = new IllegalStateException("connection closed");
        ready.completeExceptionally(gone);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        closed.complete(null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }
}
