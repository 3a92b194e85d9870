package medstream.lm.testing;

import java.nio.ByteBuffer;

/**
 * Keeps the garbage collector busy on a background thread until closed: full collections, and small direct
 * buffers filled with NaN bytes, allocated and dropped. A native tensor that still reads a Java direct buffer
 * which the collector already freed then sees NaN or other garbage instead of its value, as it would on a
 * loaded machine or in a long test run where a collection happens to fall between forward and backward.
 */
public final class GcChurn implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    private GcChurn() {
        thread = new Thread(this::churn, "gc-churn");
        thread.setDaemon(true);
    }

    /** Starts churning; close it (try-with-resources) to stop. */
    public static GcChurn start() {
        GcChurn churn = new GcChurn();
        churn.thread.start();
        return churn;
    }

    private void churn() {
        while (running) {
            System.gc();
            for (int i = 0; i < 1_000; i++) {
                ByteBuffer junk = ByteBuffer.allocateDirect(4 + i % 8);
                while (junk.hasRemaining()) {
                    junk.put((byte) 0xFF); // a float of all ones is NaN
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
