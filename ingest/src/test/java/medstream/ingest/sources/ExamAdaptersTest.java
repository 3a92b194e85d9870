package medstream.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Option;
import medstream.ingest.Fixtures;
import medstream.ingest.Tally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamAdaptersTest {
    @TempDir
    Path data;

    @Test
    void givenMedQaLines_whenRead_thenTestSplitQuestionsWithStepAsSubject_andAWrongKeyIsADeadLetter()
            throws Exception {
        Path dir = data.resolve("medqa-usmle");
        Fixtures.write(dir, "medqa_us_4opt_test.jsonl",
                "{\"realidx\": 7, \"question\": \"A 30-year-old man has a cough. Next step?\", \"answer\": \"Chest X-ray\","
                        + " \"options\": {\"A\": \"Chest X-ray\", \"B\": \"MRI\", \"C\": \"Biopsy\", \"D\": \"Wait\"},"
                        + " \"meta_info\": \"step2&3\", \"answer_idx\": \"A\", \"metamap_phrases\": [\"cough\"]}",
                "{\"realidx\": 8, \"question\": \"Which enzyme?\", \"answer\": \"Lipase\","
                        + " \"options\": {\"A\": \"Amylase\", \"B\": \"Lipase\"}, \"meta_info\": \"step1\", \"answer_idx\": \"E\"}");
        Tally t = Tally.of(JsonlExamAdapter.medQa(), dir);

        ExamQuestion q = t.records(ExamQuestion.class).get(0);
        assertThat(q.getId()).isEqualTo("medqa-usmle:7");
        assertThat(q.getSplit()).isEqualTo("test");
        assertThat(q.getSubject()).isEqualTo("step2&3");
        assertThat(q.getAnswerKey()).isEqualTo("A");
        assertThat(q.getOptions()).extracting(Option::getKey).containsExactly("A", "B", "C", "D");
        assertThat(q.getExplanation()).isNull();
        assertThat(t.failures).singleElement().satisfies(f -> {
            assertThat(f.origin().line()).isEqualTo(2);
            assertThat(f.description()).contains("answer key 'E'");
        });
    }

    @Test
    void givenMedMcqaLine_whenRead_thenDevSplitWithTheUuidAsId() throws Exception {
        Path dir = data.resolve("medmcqa");
        Fixtures.write(dir, "medmcqa_dev_subset_2816.jsonl",
                "{\"question\": \"Drug of choice for X?\", \"realidx\": \"0f1e2d3c-aaaa-bbbb-cccc-123456789abc\","
                        + " \"options\": {\"A\": \"p\", \"B\": \"q\", \"C\": \"r\", \"D\": \"s\"}, \"answer_idx\": \"C\","
                        + " \"answer\": \"r\"}");
        Tally t = Tally.of(JsonlExamAdapter.medMcqa(), dir);

        ExamQuestion q = t.records(ExamQuestion.class).get(0);
        assertThat(q.getId()).isEqualTo("medmcqa:0f1e2d3c-aaaa-bbbb-cccc-123456789abc");
        assertThat(q.getSplit()).isEqualTo("dev");
        assertThat(t.failures).isEmpty();
    }

    @Test
    void givenAnAnswerTextThatContradictsTheKey_whenRead_thenItIsADeadLetter() throws Exception {
        Path dir = data.resolve("medmcqa");
        Fixtures.write(dir, "medmcqa_dev_subset_2816.jsonl",
                "{\"question\": \"Q?\", \"realidx\": \"u1\", \"options\": {\"A\": \"p\", \"B\": \"q\"},"
                        + " \"answer_idx\": \"A\", \"answer\": \"q\"}");
        Tally t = Tally.of(JsonlExamAdapter.medMcqa(), dir);

        assertThat(t.produced).isZero();
        assertThat(t.failures).singleElement().satisfies(f -> assertThat(f.description()).contains("disagree"));
    }

    private Path mmlu() throws Exception {
        Path dir = data.resolve("mmlu-medical");
        Fixtures.write(dir, "dev/anatomy_dev.csv",
                "Which bone is in the thigh?,Femur,Ulna,Radius,Skull,A",
                "\"Which of these, if any, is a muscle?\",Biceps,Femur,Liver,None of the above,A");
        Fixtures.write(dir, "val/medical_genetics_val.csv", "How many chromosomes?,23,46,\"44, plus XY\",92,B");
        Fixtures.write(dir, "test/anatomy_test.csv", "An old test question?,a,b,c,d,D");
        Fixtures.write(dir, "medagents_mmlu_medical_test.jsonl",
                "{\"realidx\": 100, \"question\": \"A nerve lesion causes?\", \"options\": {\"A\": \"w\", \"B\": \"x\","
                        + " \"C\": \"y\", \"D\": \"z\"}, \"answer_idx\": \"B\", \"subject\": \"anatomy\", \"answer\": \"x\"}");
        return dir;
    }

    @Test
    void givenMmluDirectory_whenRead_thenDevAndValFromCsvAndTestOnlyFromTheFinalJsonl() throws Exception {
        Tally t = Tally.of(new MmluAdapter(), mmlu());

        List<ExamQuestion> qs = t.records(ExamQuestion.class);
        assertThat(qs).extracting(ExamQuestion::getId).containsExactly(
                "mmlu-medical:dev/anatomy/0", "mmlu-medical:dev/anatomy/1",
                "mmlu-medical:val/medical_genetics/0", "mmlu-medical:test/100");
        assertThat(qs).extracting(ExamQuestion::getSplit).containsExactly("dev", "dev", "val", "test");
        assertThat(qs.get(1).getQuestion()).isEqualTo("Which of these, if any, is a muscle?");
        assertThat(qs.get(2).getOptions().get(2).getText()).isEqualTo("44, plus XY");
        assertThat(qs.get(2).getSubject()).isEqualTo("medical_genetics");
        assertThat(qs.get(3).getSubject()).isEqualTo("anatomy");
    }

    @Test
    void givenAnMmluTestCsvExplicitly_whenRead_thenItIsReadAsTheOldTestSet() throws Exception {
        Tally t = Tally.of(new MmluAdapter(), mmlu().resolve("test/anatomy_test.csv"));

        assertThat(t.records(ExamQuestion.class)).singleElement()
                .satisfies(q -> assertThat(q.getId()).isEqualTo("mmlu-medical:test/anatomy/0"));
    }

    @Test
    void givenAnMmluRowWithFiveColumns_whenRead_thenItIsADeadLetterWithItsLine() throws Exception {
        Path dir = mmlu();
        Fixtures.write(dir, "val/medical_genetics_val.csv", "Good?,a,b,c,d,A", "Bad?,a,b,c,A");
        Tally t = Tally.of(new MmluAdapter(), dir.resolve("val"));

        assertThat(t.produced).isEqualTo(1);
        assertThat(t.failures).singleElement().satisfies(f -> {
            assertThat(f.origin().file()).isEqualTo("mmlu-medical/val/medical_genetics_val.csv");
            assertThat(f.origin().line()).isEqualTo(2);
            assertThat(f.description()).contains("6 columns");
        });
    }
}
