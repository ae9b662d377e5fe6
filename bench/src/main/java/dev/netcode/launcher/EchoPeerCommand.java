package dev.netcode.launcher;

import dev.netcode.bench.webrtc.EchoPeerChannelSpec;
import dev.netcode.bench.webrtc.EchoPeerDialer;
import dev.netcode.bench.webrtc.EchoReport;
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
 * posted to {@code /offer} and echoes every message on every channel, same type, byte for byte;
 * {@code dial} posts an offer, opens the {@code --channel}s, sends {@code --messages} on each,
 * checks every echo and prints a one-line JSON summary (exit 0 only if every reliable channel
 * came back intact).
 *
 * <pre>
 * ./netcode echo-peer serve --listen 127.0.0.1:8080
 * ./netcode echo-peer dial --url http://127.0.0.1:8080/offer --channel chat --channel inputs:unordered:rexmit=0 \
 *     --messages 10000 --sizes 16,1200,65536
 * ./netcode echo-peer dial --url http://127.0.0.1:8080/offer --turn 'turn:turn.example.com:3478?transport=tcp' \
 *     --turn-user 1767225600:alice --turn-pass 'base64...' --relay-only
 * </pre>
 *
 * <p>With {@code --turn}, both commands first allocate once on every TURN server and free the
 * allocation again: credentials the server rejects (401) stop the command at once with a one-line
 * error naming the server, instead of an ICE timeout later; an unreachable server is a warning,
 * and fatal only with {@code --relay-only} when no server is usable.
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

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile InetSocketAddress boundAddress;

        /** Stops a running {@code serve} (what Ctrl-C does); for in-process use and tests. */
        void stop() {
            stopped.countDown();
        }

        /** The HTTP address once serving, else null. */
        InetSocketAddress boundAddress() {
            return boundAddress;
        }
        @picocli.CommandLine.Mixin
        TurnOptions turn = new TurnOptions();

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter err = spec.commandLine().getErr();
            String turnProblem;
            try {
                turnProblem = turn.check("echo-peer serve", err);
            } catch (IllegalArgumentException e) {
                err.println("echo-peer serve: " + e.getMessage());
                err.flush();
                return 2;
            }
            if (turnProblem != null) {
                err.println("echo-peer serve: " + turnProblem);
                err.flush();
                return 1;
            }
            PeerConnectionConfig.Builder builder = turn.apply(config(iceAddresses));
            IceUdpMux mux = null;
            if (liteMuxPort >= 0) {
                InetAddress bind = iceAddresses.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(iceAddresses.get(0));
                mux = IceUdpMux.bind(SharedResources.eventLoopGroup(), new InetSocketAddress(bind, liteMuxPort), maxPeers);
                builder.udpMux(mux);
            }
            PeerConnectionConfig config = builder.build();
            EchoPeerServer server = EchoPeerServer.start(hostPort(listen), () -> config, maxBodyBytes, maxPeers);
            Thread hook = new Thread(this::stop, "echo-peer-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                InetSocketAddress bound = server.address();
                java.io.PrintWriter out = spec.commandLine().getOut();
                out.println("echo-peer: serving POST http://" + bound.getHostString() + ":" + bound.getPort() + "/offer"
                        + (mux != null ? " (ICE-lite on UDP " + mux.localAddress() + ")" : "")
                        + "; every message is echoed on its channel");
                out.flush();
                boundAddress = bound;
                stopped.await();
                return 0;
            } finally {
                server.close();
                if (mux != null) {
                    mux.close();
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is running (it is what stopped us)
                }
            }
        }
    }

    @Command(name = "dial", mixinStandardHelpOptions = true,
            description = {"Post an offer to URL, open the channels, send messages on each and check every echo byte for byte.",
                "Prints a final one-line JSON summary; exits 0 only if every message on every reliable channel came back intact."})
    static final class Dial implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--url", required = true, description = "The answering peer, e.g. http://127.0.0.1:8080/offer.")
        URI url;

        @Option(names = "--ice-address", description = "Host candidate address (repeatable); default every interface incl. loopback.")
        List<String> iceAddresses = new ArrayList<>();

        @Option(names = "--channel", paramLabel = "LABEL[:ordered|:unordered][:rexmit=N|:lifetime=MS]",
                description = "A channel to open (repeatable); default one reliable ordered channel 'echo'.")
        List<String> channels = new ArrayList<>();

        @Option(names = "--messages", defaultValue = "1000", description = "Messages per channel (default ${DEFAULT-VALUE}).")
        int messages;

        @Option(names = "--size", defaultValue = "1024", description = "Message size in bytes (default ${DEFAULT-VALUE}).")
        int sizeBytes;

        @Option(names = "--sizes", split = ",", paramLabel = "A,B,C", description = "Sizes in bytes, cycled (overrides --size).")
        List<Integer> sizes = new ArrayList<>();

        @Option(names = "--window", defaultValue = "64",
                description = "Messages awaiting their echo per reliable channel (default ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--window-bytes", defaultValue = "1048576",
                description = "Bytes awaiting their echo per reliable channel (default ${DEFAULT-VALUE}).")
        long windowBytes;

        @Option(names = "--timeout-ms", defaultValue = "60000", description = "Give up after this long (default ${DEFAULT-VALUE}).")
        long timeoutMs;

        @picocli.CommandLine.Mixin
        TurnOptions turn = new TurnOptions();

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter out = spec.commandLine().getOut();
            java.io.PrintWriter err = spec.commandLine().getErr();
            EchoPeerDialer.Plan plan;
            try {
                List<EchoPeerChannelSpec> specs = new ArrayList<>();
                for (String c : channels) {
                    specs.add(EchoPeerChannelSpec.parse(c));
                }
                if (specs.isEmpty()) {
                    specs.add(EchoPeerChannelSpec.DEFAULT);
                }
                int[] sizeList = sizes.isEmpty() ? new int[] {sizeBytes} : sizes.stream().mapToInt(Integer::intValue).toArray();
                plan = new EchoPeerDialer.Plan(specs, messages, sizeList, window, windowBytes, Duration.ofMillis(timeoutMs));
                turn.servers(); // usage errors in the TURN options before any network
            } catch (IllegalArgumentException e) {
                err.println("echo-peer dial: " + e.getMessage());
                err.flush();
                return 2;
            }
            String turnProblem = turn.check("echo-peer dial", err);
            if (turnProblem != null) {
                // One line naming the server and the cause, instead of an ICE timeout a minute later.
                err.println("echo-peer dial: " + turnProblem);
                err.flush();
                out.println(new EchoReport(false, 0, 0, 0, 0, plan.channels().size(), -1, -1, -1, 0, -1, -1, turnProblem)
                        .toJson());
                out.flush();
                return 1;
            }
            EchoReport report = EchoPeerDialer.run(url, turn.apply(config(iceAddresses)).build(), plan);
            if (!report.ok()) {
                err.println("echo-peer dial: failed: " + report.error());
                err.flush();
            }
            out.println(report.toJson());
            out.flush();
            return report.ok() ? 0 : 1;
        }
    }
}
