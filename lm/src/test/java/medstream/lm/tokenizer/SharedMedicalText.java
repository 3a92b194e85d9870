package medstream.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Reads real medical text from /work/shared/data for tokenizer tests and benchmarks (never copied). */
final class SharedMedicalText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedMedicalText() {
    }

    /** The shared data folder: system property {@code medstream.shared.data}, else {@code ../shared/data} from the repo root. */
    static Path dataDir() {
        String configured = System.getProperty("medstream.shared.data");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("../shared/data"));
        candidates.add(Path.of("../../shared/data")); // tests run inside the module folder
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("pubmedqa-pqal"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("shared data not found in " + candidates
                + "; set -Dmedstream.shared.data=/path/to/shared/data");
    }

    /** Chinese QA from the cMeKG-based HuaTuo data: one text per line, question and answer. */
    static List<String> huatuoQa(int maxLines) {
        List<String> texts = new ArrayList<>();
        Path file = dataDir().resolve("huatuo-bentsao-cmekg-qa/llama_data.jsonl");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (texts.size() < maxLines && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                texts.add(record.path("instruction").asText() + "\n" + record.path("output").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return texts;
    }

    /** English abstracts from PubMedQA: per item, the context paragraphs and the long answer. */
    static List<String> pubmedQaContexts(String fileName) {
        Path file = dataDir().resolve("pubmedqa-pqal").resolve(fileName);
        List<String> texts = new ArrayList<>();
        try {
            JsonNode items = JSON.readTree(file.toFile());
            for (JsonNode item : items) {
                StringBuilder text = new StringBuilder(item.path("QUESTION").asText());
                for (JsonNode context : item.path("CONTEXTS")) {
                    text.append('\n').append(context.asText());
                }
                text.append('\n').append(item.path("LONG_ANSWER").asText());
                texts.add(text.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return texts;
    }

    /** Chinese multi-turn liver-cancer dialogues (a JSON array). */
    static List<String> liverCancerDialogues() {
        Path file = dataDir().resolve("huatuo-bentsao-cmekg-qa/liver_cancer_literature.json");
        List<String> texts = new ArrayList<>();
        try {
            for (JsonNode item : JSON.readTree(file.toFile())) {
                texts.add(item.path("instruction").asText() + "\n" + item.path("output").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return texts;
    }

    /** Every string value of every JSON Lines record in a file (questions, options, answers, passages). */
    static List<String> jsonLinesText(String relativePath) {
        Path file = dataDir().resolve(relativePath);
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    StringBuilder text = new StringBuilder();
                    appendStrings(JSON.readTree(line), text);
                    texts.add(text.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return texts;
    }

    private static void appendStrings(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(node.asText());
        } else {
            for (JsonNode child : node) {
                appendStrings(child, text);
            }
        }
    }

    /**
     * MedQuAD questions and answers (English, about 20 MB of text), read straight from the tar.gz so
     * nothing is unpacked into the project.
     */
    static List<String> medquadQuestionsAndAnswers() {
        Path file = dataDir().resolve("medquad/MedQuAD-xml.tar.gz");
        Pattern element = Pattern.compile("<(Question|Answer)[^>]*>(.*?)</\\1>", Pattern.DOTALL);
        List<String> texts = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String sizeField = new String(header, 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", "");
                long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
                if (header[156] == '0' || header[156] == 0) {
                    if (name.endsWith(".xml")) {
                        Matcher matcher = element.matcher(new String(content, StandardCharsets.UTF_8));
                        while (matcher.find()) {
                            String text = unescapeXml(matcher.group(2).trim());
                            if (!text.isEmpty()) {
                                texts.add(text);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return texts;
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    static long utf8Bytes(List<String> texts) {
        long bytes = 0;
        for (String text : texts) {
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }
}
