package medstream.labeler.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned prompt template, loaded from {@code prompts/<name>.<version>.txt} on the classpath, with
 * {@code {{placeholder}}} slots. Its SHA-256 identifies exactly which text produced a label.
 *
 * @param name    template name, e.g. {@code voc-explain}
 * @param version template version, e.g. {@code v1}
 * @param text    the template text
 * @param sha256  hex SHA-256 of the UTF-8 text
 */
public record PromptTemplate(String name, String version, String text, String sha256) {
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z_]+)}}");

    /**
     * The template {@code name} of {@code version}: for {@value SharedShapes#VERSION}, lm's shared prompt shape
     * ({@link SharedShapes}); for older versions {@code prompts/<name>.<version>.txt} from the classpath.
     */
    public static PromptTemplate load(String name, String version) {
        String shared = version.equals(SharedShapes.VERSION) ? SharedShapes.text(name) : null;
        if (shared != null) {
            return new PromptTemplate(name, version, shared, sha256(shared));
        }
        String resource = "prompts/" + name + "." + version + ".txt";
        try (InputStream in = PromptTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No prompt template " + resource + " on the classpath; version "
                        + SharedShapes.VERSION + " comes from lm's medstream.lm.prompt shapes, older versions live in "
                        + "labeler/src/main/resources/prompts (check the configured prompt version)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PromptTemplate(name, version, text, sha256(text));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read prompt template " + resource + ": " + e.getMessage(), e);
        }
    }

    /** {@code name.version}, e.g. {@code voc-explain.v1}. */
    public String id() {
        return name + "." + version;
    }

    /** Whether the text has the slot {@code {{name}}}. */
    public boolean hasSlot(String name) {
        return text.contains("{{" + name + "}}");
    }

    /**
     * Fills every slot. A slot without a value is an error (a template and its code out of step), and so
     * is a value no slot uses.
     */
    public String render(Map<String, String> values) {
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        java.util.Set<String> used = new java.util.HashSet<>();
        while (m.find()) {
            String key = m.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("Prompt template " + id() + " has slot {{" + key + "}} but no value was given "
                        + "(given: " + values.keySet() + ")");
            }
            used.add(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!used.containsAll(values.keySet())) {
            throw new IllegalArgumentException("Prompt template " + id() + " has no slot for " + values.keySet()
                    + " minus " + used + "; update the template or the code that fills it");
        }
        return out.toString();
    }

    static String sha256(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
