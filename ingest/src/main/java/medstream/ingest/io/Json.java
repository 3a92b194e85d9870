package medstream.ingest.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medstream.contracts.Option;

/** Field access on JSON entries that fails with a message naming the field, not a NullPointerException. */
public final class Json {
    /** Configured once and never changed afterwards, so sharing it is safe. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() { }

    /** Parses one JSON document. */
    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** The object, or an exception saying an object was expected. */
    public static JsonNode object(JsonNode node) throws MalformedEntryException {
        if (node == null || !node.isObject()) {
            throw new MalformedEntryException("expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return node;
    }

    /** A required, non-blank text (numbers are accepted as their text: ids like realidx). */
    public static String text(JsonNode node, String field) throws MalformedEntryException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !(v.isTextual() || v.isNumber()) || v.asText().isBlank()) {
            throw new MalformedEntryException("field '" + field + "' is missing, blank or not text");
        }
        return v.asText();
    }

    /** An optional text: null when absent, null or blank. */
    public static String optText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank()) {
            return null;
        }
        return v.asText();
    }

    /** A required array of strings (may be empty). */
    public static List<String> texts(JsonNode node, String field) throws MalformedEntryException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new MalformedEntryException("field '" + field + "' is missing or not an array");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new MalformedEntryException("field '" + field + "' holds a non-text element: " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    /**
     * Exam options from an object {@code {"A": "...", "B": "..."}} in document order.
     *
     * @throws MalformedEntryException when absent, empty or an option is blank
     */
    public static List<Option> options(JsonNode node, String field) throws MalformedEntryException {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject() || v.isEmpty()) {
            throw new MalformedEntryException("field '" + field + "' is missing or not a non-empty object of options");
        }
        List<Option> out = new ArrayList<>(v.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw new MalformedEntryException("option '" + e.getKey() + "' is blank or not text");
            }
            out.add(new Option(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
