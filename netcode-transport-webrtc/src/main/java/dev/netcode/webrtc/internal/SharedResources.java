package dev.netcode.webrtc.internal;

import dev.netcode.webrtc.dtls.DtlsCertificate;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Process-wide defaults used when a {@code PeerConnectionConfig} does not supply its own: one
 * event loop group, one handshake executor, one certificate. Each is created on first use; all
 * threads are daemons so an application that forgets to shut down still exits.
 */
public final class SharedResources {
    private SharedResources() {
    }

    private static final class Loops {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("netcode-webrtc", true), NioIoHandler.newFactory());
    }

    private static final class Handshakes {
        static final DtlsHandshakeExecutor EXECUTOR = DtlsHandshakeExecutor.createDefault();
    }

    private static final class Certificate {
        static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    }

    public static EventLoopGroup eventLoopGroup() {
        return Loops.GROUP;
    }

    public static DtlsHandshakeExecutor handshakeExecutor() {
        return Handshakes.EXECUTOR;
    }

    public static DtlsCertificate certificate() {
        return Certificate.CERTIFICATE;
    }
}
