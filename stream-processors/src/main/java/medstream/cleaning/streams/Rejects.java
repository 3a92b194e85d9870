package medstream.cleaning.streams;

import medstream.cleaning.Rejection;
import medstream.contracts.CleanReject;
import medstream.contracts.Lineage;

/** Builds {@link CleanReject} records from typed verdicts. */
final class Rejects {

    private Rejects() {
    }

    static CleanReject of(String documentId, String source, Lineage lineage, Rejection rejection) {
        return CleanReject.newBuilder()
                .setDocumentId(documentId)
                .setReasonCode(rejection.reason().name())
                .setFilterName(rejection.filterName())
                .setMeasuredValue(rejection.measuredValue())
                .setThreshold(rejection.threshold())
                .setDetail(rejection.detail())
                .setSource(source)
                .setLineage(lineage)
                .build();
    }
}
