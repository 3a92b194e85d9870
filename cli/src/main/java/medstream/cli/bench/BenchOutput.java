package medstream.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How every {@code bench} subcommand reports: with {@code --json} one JSON object on one line of stdout and
 * nothing else there (scripts parse it), otherwise a two-column table a person reads. Progress goes to stderr.
 */
public final class BenchOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchOutput() {}

    /**
     * Runs a benchmark with {@code System.out} pointed at stderr, so that nothing the benchmarked code prints
     * (progress, library banners) can get between the caller and the one JSON object stdout must hold.
     */
    public static <T> T withStdoutOnStderr(Supplier<T> benchmark) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return benchmark.get();
        } finally {
            System.out.flush();
            System.setOut(stdout);
        }
    }

    /** Prints the result as one JSON line ({@code json}) or as a table. */
    public static void print(Map<String, ?> result, boolean json, PrintStream out) {
        out.print(json ? toJson(result) + System.lineSeparator() : table(result));
        out.flush();
    }

    /** One JSON object on one line. */
    public static String toJson(Map<String, ?> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark result as JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object (what a module's benchmark printed) into an ordered map. */
    public static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the benchmark did not return a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * A Markdown table of {@code | key | value |}, nested objects flattened to {@code outer.inner}: readable in a
     * terminal and pasted as is into docs/BENCHMARKS.md.
     */
    public static String table(Map<String, ?> result) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", result, flat);
        int width = Math.max("figure".length(), flat.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder b = new StringBuilder();
        String row = "| %-" + width + "s | %s |%n";
        b.append(String.format(Locale.ROOT, row, "figure", "value"));
        b.append("|").append("-".repeat(width + 2)).append("|-------|").append(System.lineSeparator());
        flat.forEach((k, v) -> b.append(String.format(Locale.ROOT, row, k, v)));
        return b.toString();
    }

    private static void flatten(String prefix, Map<String, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> inner && !inner.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) inner;
                flatten(key + ".", typed, into);
            } else {
                into.put(key, format(v));
            }
        });
    }

    static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // Rates run from 0.01 to 100k: three significant decimals below 10, one above.
            return Math.abs(d) >= 10 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof List<?> list) return list.stream().map(BenchOutput::format).toList().toString();
        if (v instanceof int[] ints) return java.util.Arrays.toString(ints);
        return String.valueOf(v);
    }
}
