package medstream.topics.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpServersTest {

    @Test
    void givenNoUserSetting_whenServerCreated_thenNodelayIsOnAndTheServerAnswers() throws Exception {
        String before = System.getProperty(HttpServers.NODELAY);
        System.clearProperty(HttpServers.NODELAY);
        HttpServer server = HttpServers.create(new InetSocketAddress("127.0.0.1", 0));
        try {
            server.createContext("/ping", ex -> {
                byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/ping")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(System.getProperty(HttpServers.NODELAY)).isEqualTo("true");
            assertThat(r.body()).isEqualTo("pong");
        } finally {
            server.stop(0);
            restore(before);
        }
    }

    @Test
    void givenUserTurnedNodelayOff_whenServerCreated_thenTheUsersChoiceStays() throws Exception {
        String before = System.getProperty(HttpServers.NODELAY);
        System.setProperty(HttpServers.NODELAY, "false");
        try {
            HttpServers.create(new InetSocketAddress("127.0.0.1", 0)).stop(0);

            assertThat(System.getProperty(HttpServers.NODELAY)).isEqualTo("false");
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(HttpServers.NODELAY);
        } else {
            System.setProperty(HttpServers.NODELAY, value);
        }
    }
}
