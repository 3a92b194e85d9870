import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GET and POST latency of the embedded schema registry over HTTP; run by docs/registry/latency-probe.sh. */
public class RegistryLatencyProbe {
    public static void main(String[] args) throws Exception {
        var server = medstream.topics.registry.EmbeddedSchemaRegistryServer.start(0);
        HttpClient client = HttpClient.newHttpClient();
        var get = HttpRequest.newBuilder(URI.create(server.url() + "/subjects")).build();
        var post = HttpRequest.newBuilder(URI.create(server.url() + "/subjects/probe-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build();
        for (int i = 0; i < 50; i++) client.send(get, HttpResponse.BodyHandlers.discarding()); // warm-up
        long t = System.nanoTime();
        for (int i = 0; i < 200; i++) client.send(get, HttpResponse.BodyHandlers.discarding());
        double getMs = (System.nanoTime() - t) / 1e6 / 200;
        t = System.nanoTime();
        for (int i = 0; i < 100; i++) client.send(post, HttpResponse.BodyHandlers.discarding());
        double postMs = (System.nanoTime() - t) / 1e6 / 100;
        System.out.printf("{\"nodelay\": \"%s\", \"get_ms\": %.2f, \"post_ms\": %.2f}%n",
                System.getProperty("sun.net.httpserver.nodelay"), getMs, postMs);
        server.close();
        System.exit(0);
    }
}
