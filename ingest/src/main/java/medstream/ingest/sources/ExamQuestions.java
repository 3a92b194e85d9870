package medstream.ingest.sources;

import java.util.List;
import medstream.contracts.ExamQuestion;
import medstream.contracts.Option;
import medstream.ingest.io.MalformedEntryException;

/** Builds exam questions and checks what every exam file promises: the answer key names one of the options. */
final class ExamQuestions {
    private ExamQuestions() { }

    /**
     * An exam question, checked.
     *
     * @param answerText the answer's text when the file repeats it (MedQA, MedMCQA, MMLU jsonl), else null;
     *                   it must equal the keyed option's text, else the key or the options are wrong
     */
    static ExamQuestion of(String id, String source, String question, List<Option> options, String answerKey,
                           String answerText, String split, String subject) throws MalformedEntryException {
        Option keyed = options.stream().filter(o -> o.getKey().equals(answerKey)).findFirst()
                .orElseThrow(() -> new MalformedEntryException("answer key '" + answerKey + "' is not one of the option"
                        + " keys " + options.stream().map(Option::getKey).toList()));
        if (answerText != null && !answerText.strip().equals(keyed.getText().strip())) {
            throw new MalformedEntryException("answer text '" + answerText + "' differs from option " + answerKey
                    + " '" + keyed.getText() + "'; the key and the answer disagree");
        }
        return ExamQuestion.newBuilder()
                .setId(id)
                .setSource(source)
                .setLanguage("en")
                .setQuestion(question)
                .setOptions(options)
                .setAnswerKey(answerKey)
                .setSplit(split)
                .setSubject(subject)
                .build();
    }
}
