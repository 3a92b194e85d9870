package medstream.knowledge.streams;

import medstream.contracts.Instruction;
import medstream.contracts.McqTask;
import medstream.contracts.Option;

/** The text of a training record that the evaluation guard checks: everything a model would read. */
final class Texts {
    private Texts() { }

    static String of(Instruction i) {
        return i.getInstruction() + "\n" + i.getInput() + "\n" + i.getOutput();
    }

    static String of(McqTask t) {
        StringBuilder s = new StringBuilder(t.getQuestion());
        if (t.getContext() != null) {
            s.append('\n').append(t.getContext());
        }
        for (Option o : t.getOptions()) {
            s.append('\n').append(o.getText());
        }
        if (t.getExplanation() != null) {
            s.append('\n').append(t.getExplanation());
        }
        return s.toString();
    }
}
