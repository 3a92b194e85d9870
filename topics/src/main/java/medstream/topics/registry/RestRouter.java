package medstream.topics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a method and a decoded path against templates such as {@code subjects/{subject}/versions/{version}}: a
 * path no template fits is 404, a path whose templates want another method is 405, each with the JSON error body
 * Confluent's REST layer sends for them.
 */
final class RestRouter {
    /** One endpoint. */
    interface Handler {
        JsonNode handle(Request request);
    }

    /** What a handler sees: path parameters by name, query parameters, and the JSON body (null if none). */
    record Request(Map<String, String> path, Map<String, String> query, JsonNode body) {
        String param(String name) { return path.get(name); }

        /** A boolean query parameter, false when absent, as JAX-RS reads {@code @QueryParam boolean}. */
        boolean flag(String name) { return Boolean.parseBoolean(query.get(name)); }
    }

    private record Route(String method, String[] template, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    RestRouter add(String method, String template, Handler handler) {
        routes.add(new Route(method, template.isEmpty() ? new String[0] : template.split("/"), handler));
        return this;
    }

    JsonNode dispatch(String method, List<String> segments, Map<String, String> query, JsonNode body) {
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> params = match(r.template(), segments);
            if (params == null) continue;
            pathKnown = true;
            if (r.method().equals(method)) return r.handler().handle(new Request(params, query, body));
        }
        if (pathKnown) throw new SchemaRegistryException(405, "HTTP 405 Method Not Allowed");
        throw new SchemaNotFoundException(404, "HTTP 404 Not Found");
    }

    private static Map<String, String> match(String[] template, List<String> segments) {
        if (template.length != segments.size()) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) params.put(t.substring(1, t.length() - 1), segments.get(i));
            else if (!t.equals(segments.get(i))) return null;
        }
        return params;
    }
}
