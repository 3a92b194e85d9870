package medstream.labeler.core;

import static medstream.labeler.testing.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputValidatorTest {
    private final InputValidator validator = new InputValidator();

    @Test
    void givenAGoodRequest_whenValidated_thenPassagesAreJoinedAndOptionsCanonical() {
        Validation v = validator.validate(request("1", "Q?", List.of("first", " ", "second"), " ", List.of("Yes ", "NO", "maybe")));

        assertThat(v).isInstanceOf(Validation.Valid.class);
        LabelInput in = ((Validation.Valid) v).input();
        assertThat(in.context()).isEqualTo("first\nsecond");
        assertThat(in.options()).containsExactly("yes", "no", "maybe");
        assertThat(in.hasLongAnswer()).isFalse();
    }

    @Test
    void givenNoQuestion_whenValidated_thenNoQuestion() {
        assertThat(code(request("1", "  ", List.of("c"), null, List.of("yes", "no")))).isEqualTo(ReasonCodes.NO_QUESTION);
    }

    @Test
    void givenOnlyBlankContexts_whenValidated_thenNoContext() {
        assertThat(code(request("1", "Q?", List.of(" ", ""), null, List.of("yes", "no")))).isEqualTo(ReasonCodes.NO_CONTEXT);
    }

    @Test
    void givenOptionsOutsideYesNoMaybeOrDuplicatedOrSingle_whenValidated_thenUnknownOptions() {
        assertThat(code(request("1", "Q?", List.of("c"), null, List.of("true", "false")))).isEqualTo(ReasonCodes.UNKNOWN_OPTIONS);
        assertThat(code(request("1", "Q?", List.of("c"), null, List.of("yes", "Yes")))).isEqualTo(ReasonCodes.UNKNOWN_OPTIONS);
        assertThat(code(request("1", "Q?", List.of("c"), null, List.of("yes")))).isEqualTo(ReasonCodes.UNKNOWN_OPTIONS);
    }

    private String code(medstream.contracts.LabelRequest r) {
        Validation v = validator.validate(r);
        assertThat(v).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).code();
    }
}
