package medstream.cleaning.pii;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import medstream.cleaning.text.Normaliser;

/**
 * The scrubber over a file, no broker: JSON lines with {@code id} and {@code text} (other fields are kept as they
 * are; the id seeds surrogates), or plain text, one document a line. Texts are normalised (NFKC, whitespace) first,
 * as the cleaning topology does before it scrubs. What {@code ./medstream scrub} runs.
 */
public final class ScrubFile {

    /**
     * What a run did.
     *
     * @param documents lines read (blank lines are copied and not counted)
     * @param changed   documents with at least one replacement
     * @param counts    replacements by kind
     * @param seconds   wall time
     */
    public record Summary(int documents, int changed, Map<PiiType, Integer> counts, double seconds) {
        /** Replacements of every kind. */
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScrubFile() {
    }

    /**
     * Scrubs every line of {@code input} into {@code output} (replaced if it exists).
     *
     * @param input  JSON lines ({@code id}, {@code text}) or plain text lines
     * @param output where the scrubbed lines go, in the same format
     * @param mode   masks or surrogates
     * @return counts by kind
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when a JSON line has no {@code text} field; the message names the line
     */
    public static Summary run(Path input, Path output, PiiScrubber.Mode mode) throws IOException {
        long start = System.nanoTime();
        PiiScrubber scrubber = new PiiScrubber(mode);
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        int documents = 0;
        int changed = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    out.write(line);
                    out.newLine();
                    continue;
                }
                documents++;
                ScrubResult result;
                if (line.stripLeading().startsWith("{")) {
                    ObjectNode node = (ObjectNode) JSON.readTree(line);
                    JsonNode text = node.get("text");
                    if (text == null || !text.isTextual()) {
                        throw new IllegalArgumentException(input + " line " + lineNumber + " is a JSON object without "
                                + "a \"text\" string: give JSON lines with \"id\" and \"text\", or plain text lines");
                    }
                    JsonNode id = node.get("id");
                    result = scrubber.scrub(Normaliser.normalise(text.asText()), id == null ? null : id.asText());
                    node.put("text", result.text());
                    out.write(JSON.writeValueAsString(node));
                } else {
                    result = scrubber.scrub(Normaliser.normalise(line), Integer.toString(lineNumber));
                    out.write(result.text());
                }
                out.newLine();
                result.counts().forEach((type, n) -> counts.merge(type, n, Integer::sum));
                changed += result.total() > 0 ? 1 : 0;
            }
        }
        return new Summary(documents, changed, counts, (System.nanoTime() - start) / 1e9);
    }
}
