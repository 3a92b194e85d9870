package medstream.knowledge.streams;

import medstream.contracts.McqTask;
import medstream.knowledge.pubmedqa.PubMedQaRouter.PseudoUpdate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Issues PSEUDO tasks and withdraws them. An ACCEPTed labeling emits its task (keyed by the task id) and records it
 * in the ledger; a later labeling of the same request that is not ACCEPTed emits a tombstone of that key, which tells
 * the trainer the task is no longer a label to learn, and clears the entry. A REVIEW for a request that never had a
 * task emits nothing. The store and the output commit in the same exactly-once transaction, so a crash between the
 * two can neither lose a withdrawal nor withdraw twice.
 */
final class PseudoTaskLedger implements Processor<String, PseudoUpdate, String, McqTask> {
    private ProcessorContext<String, McqTask> context;
    private KeyValueStore<String, String> issued;

    @Override
    public void init(ProcessorContext<String, McqTask> context) {
        this.context = context;
        this.issued = context.getStateStore(PubMedQaTopology.PSEUDO_LEDGER_STORE);
    }

    @Override
    public void process(Record<String, PseudoUpdate> record) {
        PseudoUpdate u = record.value();
        if (u.task().isPresent()) {
            McqTask task = u.task().get();
            issued.put(u.taskId(), task.getLabelId());
            context.forward(record.withKey(u.taskId()).withValue(task));
        } else if (issued.get(u.taskId()) != null) {
            issued.delete(u.taskId());
            context.forward(record.withKey(u.taskId()).withValue((McqTask) null));
        }
    }
}
