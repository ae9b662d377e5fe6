package dev.netcode.webrtc.dtls;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** Captures every {@link DtlsListener} event of one endpoint for assertions. */
final class RecordingListener implements DtlsListener {
    final CompletableFuture<DtlsEndpoint> connected = new CompletableFuture<>();
    final CompletableFuture<DtlsException> failed = new CompletableFuture<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    volatile Thread applicationDataThread;

    @Override
    public void onConnected(DtlsEndpoint endpoint) {
        connected.complete(endpoint);
    }

    @Override
    public void onApplicationData(DtlsEndpoint endpoint, ByteBuffer record) {
        applicationDataThread = Thread.currentThread();
        byte[] copy = new byte[record.remaining()];
        record.get(copy);
        received.add(copy);
    }

    @Override
    public void onFailed(DtlsEndpoint endpoint, DtlsException cause) {
        connected.completeExceptionally(cause);
        failed.complete(cause); // last: tests waiting on it then see every other effect
    }

    @Override
    public void onClosed(DtlsEndpoint endpoint) {
        closed.countDown();
    }
}
