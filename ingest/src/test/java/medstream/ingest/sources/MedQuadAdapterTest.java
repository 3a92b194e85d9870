package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import medstream.contracts.QaPair;
import medstream.contracts.RawDocument;
import medstream.ingest.Entry;
import medstream.ingest.Fixtures;
import medstream.ingest.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedQuadAdapterTest {
    @TempDir
    Path data;

    private static String document(String id, String source, String... pairs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Document id=\"" + id + "\" source=\"" + source + "\" url=\"https://example.org/" + id + "\">\n"
                + "<Focus>Example Disease</Focus>\n"
                + "<FocusAnnotations><UMLS><CUIs><CUI>C0000001</CUI></CUIs></UMLS></FocusAnnotations>\n"
                + "<QAPairs>\n" + String.join("\n", pairs) + "\n</QAPairs>\n</Document>\n";
    }

    private static String pair(String pid, String qtype, String question, String answer) {
        return "\t<QAPair pid=\"" + pid + "\">\n"
                + "\t\t<Question qid=\"" + pid + "-q\" qtype=\"" + qtype + "\">" + question + "</Question>\n"
                + "\t\t<Answer>" + answer + "</Answer>\n"
                + "\t</QAPair>";
    }

    private Path medquad(Map<String, String> members) throws Exception {
        Path dir = data.resolve("medquad");
        Fixtures.gzip(dir, "MedQuAD-xml.tar.gz", Fixtures.tar(members));
        return dir;
    }

    @Test
    void givenAnsweredAndEmptyPairs_whenRead_thenAnsweredBecomeQaPairsAndEmptyAreCountedUnanswered()
            throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MedQuAD/1_CancerGov_QA/0000001_1.xml", document("0000001_1", "CancerGov",
                pair("1", "information", "What is (are) Example Disease ?",
                        "Example disease is a condition &amp; more.\n    It has stages."),
                pair("2", "treatment", "What are the treatments for Example Disease ?", "Rest.")));
        m.put("MedQuAD/10_MPlus_ADAM_QA/0000001.xml", document("0000001", "ADAM",
                pair("1", "information", "What is (are) Another ?", ""),
                pair("2", "symptoms", "What are the symptoms of Another ?", "   ")));
        Tally t = Tally.of(new MedQuadAdapter(), medquad(m));

        assertThat(t.records(QaPair.class)).extracting(QaPair::getId).containsExactly(
                "medquad:1_CancerGov_QA/0000001_1/1", "medquad:1_CancerGov_QA/0000001_1/2");
        QaPair first = t.records(QaPair.class).get(0);
        assertThat(first.getAnswer()).isEqualTo("Example disease is a condition & more.\n    It has stages.");
        assertThat(first.getQuestionType()).isEqualTo("information");
        assertThat(first.getLanguage()).isEqualTo("en");
        assertThat(t.skipped).containsEntry(Entry.SKIPPED_UNANSWERED, 2L);
        assertThat(t.count(RawDocument.class)).isZero();
    }

    @Test
    void givenABrokenXmlDocument_whenRead_thenItsPairsBeforeTheErrorSurviveAndOneDeadLetterNamesMemberAndLine()
            throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        String broken = document("0000002", "GARD", pair("1", "information", "What is X ?", "X is rare."))
                .replace("</QAPairs>", "<QAPair pid=\"2\"><Question qid=\"q\">Broken ?</Question><Answer>oops</QAPair>");
        m.put("MedQuAD/2_GARD_QA/0000002.xml", broken);
        m.put("MedQuAD/2_GARD_QA/0000003.xml", document("0000003", "GARD", pair("1", "cause", "What causes Y ?", "Z.")));
        Tally t = Tally.of(new MedQuadAdapter(), medquad(m));

        assertThat(t.records(QaPair.class)).extracting(QaPair::getId)
                .containsExactly("medquad:2_GARD_QA/0000002/1", "medquad:2_GARD_QA/0000003/1");
        assertThat(t.failures).singleElement().satisfies(f -> {
            assertThat(f.origin().file()).isEqualTo("medquad/MedQuAD-xml.tar.gz!MedQuAD/2_GARD_QA/0000002.xml");
            assertThat(f.origin().line()).isEqualTo(10);
            assertThat(f.errorClass()).isEqualTo("XMLStreamException");
        });
    }
}
