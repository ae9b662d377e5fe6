package dev.netcode.webrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Refresh keeps an allocation, its permission and its channel alive well past the lifetime coturn
 * grants, with coturn's nonce going stale (438) in between.
 *
 * <p>Scaled by default to keep the module's suite short: 30-second lifetimes (allocation,
 * permission, channel) and a 95-second session. The figures (60-second lifetime, 3-minute
 * session) run with {@code -Dnetcode.turn.lifetimeSeconds=60 -Dnetcode.turn.sessionSeconds=180}.
 */
@Tag("slow")
class TurnRefreshCoturnTest {
    private static final int LIFETIME_S = Integer.getInteger("netcode.turn.lifetimeSeconds", 30);
    private static final int SESSION_S = Integer.getInteger("netcode.turn.sessionSeconds", 95);

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void allocationOutlivesItsLifetime() throws Exception {
        long seed = System.nanoTime();
        System.out.println("seed " + seed + " lifetime " + LIFETIME_S + " s session " + SESSION_S + " s");
        Random random = new Random(seed);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // coturn 4.6 only takes these options in the --name=value form.
        String lifetime = Integer.toString(LIFETIME_S);
        try (CoturnProcess coturn = CoturnProcess.start("--max-allocate-lifetime=" + lifetime,
                "--permission-lifetime=" + lifetime, "--channel-lifetime=" + lifetime, "--stale-nonce=" + (LIFETIME_S / 2))) {
            // Permission/channel refresh at 40 % of their lifetime, as the defaults (240 of 300 s, 480 of 600 s) would be too slow here.
            // coturn raises any requested lifetime under 600 s to 600 s but caps at --max-allocate-lifetime,
            // so ask for an hour and let the cap produce the short lifetime.
            TurnClientConfig config = TurnClientConfig.defaults().withRequestedLifetimeSeconds(3600)
                    .withRefreshIntervals(LIFETIME_S * 400, LIFETIME_S * 400);
            TurnClient a = TurnClient.create(coturn.server(TurnTransport.UDP, "long-a"), config, group.next());
            TurnClient b = TurnClient.create(coturn.server(TurnTransport.TCP, "long-b"), config, group.next());
            BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
            b.setListener((peer, data) -> atB.add(ByteBufUtil.getBytes(data)));
            try {
                InetSocketAddress relayA = a.allocate().get(30, TimeUnit.SECONDS);
                InetSocketAddress relayB = b.allocate().get(30, TimeUnit.SECONDS);
                assertThat(a.lifetimeSeconds()).isEqualTo(LIFETIME_S);
                a.bindChannel(relayB).get(30, TimeUnit.SECONDS);
                b.bindChannel(relayA).get(30, TimeUnit.SECONDS);

                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SESSION_S);
                int delivered = 0;
                int sent = 0;
                while (System.nanoTime() < end) {
                    byte[] payload = new byte[1 + random.nextInt(500)];
                    random.nextBytes(payload);
                    a.send(relayB, Unpooled.wrappedBuffer(payload.clone()));
                    sent++;
                    byte[] got = atB.poll(2, TimeUnit.SECONDS);
                    if (got != null && java.util.Arrays.equals(got, payload)) {
                        delivered++;
                    }
                    Thread.sleep(1000);
                }
                // The last datagrams, sent long after the original lifetime, must still arrive.
                byte[] last = new byte[] {1, 2, 3, 4, 5};
                byte[] got = null;
                for (int i = 0; i < 5 && got == null; i++) {
                    a.send(relayB, Unpooled.wrappedBuffer(last.clone()));
                    got = atB.poll(2, TimeUnit.SECONDS);
                }
                assertThat(got).isEqualTo(last);
                assertThat(delivered).as("delivered of %d", sent).isGreaterThan(sent * 9 / 10);
                long expectedRefreshes = SESSION_S / (LIFETIME_S / 2) - 1;
                assertThat(a.refreshCount()).isGreaterThanOrEqualTo(expectedRefreshes);
                assertThat(b.refreshCount()).isGreaterThanOrEqualTo(expectedRefreshes);
                assertThat(a.relayedAddress()).isEqualTo(relayA);
                assertThat(b.relayedAddress()).isEqualTo(relayB);
                System.out.println("refreshes a=" + a.refreshCount() + " b=" + b.refreshCount() + " delivered " + delivered + "/" + sent);
            } finally {
                a.close();
                b.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
