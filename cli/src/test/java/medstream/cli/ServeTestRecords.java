package medstream.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medstream.contracts.CorpusText;
import medstream.contracts.LabelRequest;
import medstream.contracts.TrainTrigger;

/** Inputs the {@code serve} ITs feed a running labeler or trainer. */
final class ServeTestRecords {
    private ServeTestRecords() {}

    /** {@code n} label requests {@code q0..}, each a question with one context. */
    static Map<String, LabelRequest> labelRequests(int n) {
        Map<String, LabelRequest> requests = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            requests.put("q" + i, LabelRequest.newBuilder().setId("q" + i).setQuestion("Does drug " + i + " lower blood pressure?")
                    .setContexts(List.of("In a trial of 120 patients, drug " + i + " lowered systolic pressure by 8 mmHg."))
                    .setRequestedAt(Instant.EPOCH).build());
        }
        return requests;
    }

    /** {@code n} stage-1 texts {@code doc:0..}, one sentence each. */
    static Map<String, CorpusText> corpusTexts(int n) {
        Map<String, CorpusText> texts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String text = "Aspirin irreversibly inhibits cyclooxygenase " + i + " and lowers the risk of myocardial infarction "
                    + "in patients with coronary disease; bleeding is its main adverse effect in trial " + i + ".";
            texts.put("doc:" + i, CorpusText.newBuilder().setId("doc:" + i).setText(text).setLanguage("en").setSourceKind("DOCUMENT")
                    .setOriginIds(List.of("doc:" + i)).setApproxTokens(text.length() / 4).build());
        }
        return texts;
    }

    /** A manual train trigger for {@code stage}. */
    static Map<String, TrainTrigger> trigger(int stage) {
        return Map.of("t" + stage, TrainTrigger.newBuilder().setStage(stage).setReason("manual").setRequestedAt(Instant.now()).build());
    }
}
