package medstream.knowledge.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import medstream.contracts.CorpusText;
import medstream.contracts.Instruction;
import medstream.contracts.QaPair;
import medstream.knowledge.Ids;
import medstream.knowledge.InvalidRecordException;
import medstream.knowledge.TextUnits;

/**
 * Turns a free-text QA pair (MedQuAD, Huatuo/cMeKG, CMB-Clin) into stage-1 text (context, question and
 * answer concatenated, one per line) and a stage-2 instruction (the question as the instruction, the
 * case description as input, the answer as output).
 */
public final class QaRewriter {
    /** Kinds used in derived ids. */
    public static final String TEXT_KIND = "qa-text";
    public static final String INSTRUCTION_KIND = "qa-instruction";

    /**
     * The two records, or none with the reason when the pair has nothing to teach (MedQuAD's MedlinePlus
     * collections publish questions with empty answers on purpose).
     */
    public record QaOutputs(Optional<CorpusText> text, Optional<Instruction> instruction, Optional<String> skipReason) {
        static QaOutputs skipped(String reason) {
            return new QaOutputs(Optional.empty(), Optional.empty(), Optional.of(reason));
        }
    }

    /** Reason given for a pair whose answer is empty. */
    public static final String EMPTY_ANSWER = "EMPTY_ANSWER";

    /**
     * The records for one pair.
     *
     * @throws InvalidRecordException when the question is empty
     */
    public QaOutputs rewrite(QaPair qa) {
        if (qa.getQuestion() == null || qa.getQuestion().isBlank()) {
            throw new InvalidRecordException(qa.getId(), "empty question; a QA pair needs a question");
        }
        if (qa.getAnswer() == null || qa.getAnswer().isBlank()) {
            return QaOutputs.skipped(EMPTY_ANSWER);
        }
        String language = qa.getLanguage() == null ? "en" : qa.getLanguage();
        String question = TextUnits.tidy(qa.getQuestion());
        String answer = TextUnits.tidy(qa.getAnswer());
        String context = qa.getContext() == null ? "" : TextUnits.tidy(qa.getContext());
        List<String> lines = new ArrayList<>();
        if (!context.isEmpty()) {
            lines.add(context);
        }
        lines.add(question);
        lines.add(answer);
        String text = String.join("\n", lines);
        CorpusText corpus = CorpusText.newBuilder()
                .setId(Ids.derived(TEXT_KIND, qa.getId()))
                .setText(text)
                .setLanguage(language)
                .setSourceKind("QA")
                .setSource(qa.getSource())
                .setOriginIds(List.of(qa.getId()))
                .setApproxTokens(TextUnits.approxTokens(text))
                .build();
        Instruction instruction = Instruction.newBuilder()
                .setId(Ids.derived(INSTRUCTION_KIND, qa.getId()))
                .setInstruction(question)
                .setInput(context)
                .setOutput(answer)
                .setLanguage(language)
                .setSource(qa.getSource())
                .setOriginIds(List.of(qa.getId()))
                .build();
        return new QaOutputs(Optional.of(corpus), Optional.of(instruction), Optional.empty());
    }
}
