package medstream.topics.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the JDK's {@link HttpServer} with TCP_NODELAY on its sockets. Without it a small response waits for
 * the client's delayed ACK (Nagle's algorithm): the embedded schema registry answered in 67 ms per GET and 73 ms
 * per POST under load, and in 10 / 28 ms with it (see docs/BENCHMARKS.md, "Schema registry over HTTP").
 */
public final class HttpServers {
    /** The JDK reads it once, when the first server of the JVM is configured. */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    private HttpServers() { }

    /**
     * A server bound to {@code address}, not started.
     *
     * @param address where to listen
     * @return the server; the caller sets handlers and an executor, starts and stops it
     * @throws IOException if the address cannot be bound
     */
    public static HttpServer create(InetSocketAddress address) throws IOException {
        // A user's own -Dsun.net.httpserver.nodelay wins.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        return HttpServer.create(address, 0);
    }
}
