package dev.netcode.launcher;

import dev.netcode.bench.webrtc.EchoPeerDialer;
import dev.netcode.bench.webrtc.EchoPeerServer;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.ice.IceUdpMux;
import dev.netcode.webrtc.internal.SharedResources;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./netcode echo-peer}: the webrtc-echoes interop contract. {@code serve} answers offers
 * posted to {@code /offer}; {@code dial} posts an offer and checks that ICE and DTLS connect.
 */
@Command(name = "echo-peer", mixinStandardHelpOptions = true,
        description = "WebRTC echo peer with the webrtc-echoes signaling contract (POST /offer).",
        subcommands = {EchoPeerCommand.Serve.class, EchoPeerCommand.Dial.class})
final class EchoPeerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static InetSocketAddress hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1)));
    }

    static PeerConnectionConfig.Builder config(List<String> iceAddresses) throws UnknownHostException {
        PeerConnectionConfig.Builder b = PeerConnectionConfig.builder().includeLoopback(true);
        if (!iceAddresses.isEmpty()) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String a : iceAddresses) {
                addresses.add(InetAddress.getByName(a));
            }
            b.hostAddresses(addresses);
        }
        return b;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Answer every POST /offer until stopped (Ctrl-C or SIGTERM).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--listen", defaultValue = "127.0.0.1:8080", description = "HTTP HOST:PORT (default ${DEFAULT-VALUE}).")
        String listen;

        @Option(names = "--ice-address", description = "Host candidate address (repeatable); default every interface incl. loopback.")
        List<String> iceAddresses = new ArrayList<>();

        @Option(names = "--ice-lite-port", defaultValue = "-1",
                description = "Serve every peer ICE-lite on this one UDP port (0 = any) instead of own sockets per peer.")
        int liteMuxPort;

        @Option(names = "--max-body-bytes", defaultValue = "65536", description = "Largest accepted request body.")
        int maxBodyBytes;

        @Option(names = "--max-peers", defaultValue = "256", description = "Most live connections.")
        int maxPeers;

        @picocli.CommandLine.Mixin
        TurnOptions turn = new TurnOptions();

        @Override
        public Integer call() throws Exception {
            PeerConnectionConfig.Builder builder = turn.apply(config(iceAddresses));
            IceUdpMux mux = null;
            if (liteMuxPort >= 0) {
                InetAddress bind = iceAddresses.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(iceAddresses.get(0));
                mux = IceUdpMux.bind(SharedResources.eventLoopGroup(), new InetSocketAddress(bind, liteMuxPort), maxPeers);
                builder.udpMux(mux);
            }
            PeerConnectionConfig config = builder.build();
            EchoPeerServer server = EchoPeerServer.start(hostPort(listen), () -> config, maxBodyBytes, maxPeers);
            CountDownLatch stopped = new CountDownLatch(1);
            IceUdpMux muxToClose = mux;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                if (muxToClose != null) {
                    muxToClose.close();
                }
                stopped.countDown();
            }, "echo-peer-shutdown"));
            InetSocketAddress bound = server.address();
            System.out.println("echo-peer: serving POST http://" + bound.getHostString() + ":" + bound.getPort() + "/offer"
                    + (mux != null ? " (ICE-lite on UDP " + mux.localAddress() + ")" : ""));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "dial", mixinStandardHelpOptions = true,
            description = "Post an offer to URL, apply the answer, exit 0 once ICE and DTLS are connected.")
    static final class Dial implements Callable<Integer> {
        @Option(names = "--url", required = true, description = "The answering peer, e.g. http://127.0.0.1:8080/offer.")
        URI url;

        @Option(names = "--ice-address", description = "Host candidate address (repeatable); default every interface incl. loopback.")
        List<String> iceAddresses = new ArrayList<>();

        @Option(names = "--timeout-ms", defaultValue = "30000", description = "Give up after this long.")
        long timeoutMs;

        @picocli.CommandLine.Mixin
        TurnOptions turn = new TurnOptions();

        @Override
        public Integer call() throws Exception {
            EchoPeerDialer.Result result = EchoPeerDialer.dial(url, turn.apply(config(iceAddresses)).build(), Duration.ofMillis(timeoutMs));
            if (!result.ok()) {
                System.err.println("echo-peer dial: not connected: " + result.error());
            }
            System.out.println(result.toJson());
            return result.ok() ? 0 : 1;
        }
    }
}
