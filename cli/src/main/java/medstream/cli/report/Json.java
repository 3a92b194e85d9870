package medstream.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the summary leniently: a section a failed run never wrote reads as empty, not as an exception. */
final class Json {
    private Json() {}

    /** {@code {"name": number}} as an ordered map; anything else as an empty one. */
    static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (object != null && object.isObject()) object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    /** The field names of an object, in order. */
    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        if (object != null && object.isObject()) object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A number, or NaN when absent or null. */
    static double number(JsonNode node) {
        return node != null && node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** Text, or the fallback when absent or null. */
    static String text(JsonNode node, String fallback) {
        return node == null || node.isMissingNode() || node.isNull() ? fallback : node.asText();
    }

    /** The values of a map as a double array in the order of {@code keys} (0 where absent). */
    static double[] values(Map<String, Long> counts, List<String> keys) {
        double[] v = new double[keys.size()];
        for (int i = 0; i < v.length; i++) v[i] = counts.getOrDefault(keys.get(i), 0L);
        return v;
    }

    static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
