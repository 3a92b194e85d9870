package medstream.labeler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ContextFitterTest {
    private static final ToIntFunction<String> WORDS = s -> s.isBlank() ? 0 : s.strip().split("\\s+").length;
    private static final String TEXT = "aim one two three four five six seven eight nine ten result";

    @Test
    void givenAContextThatFits_whenFitted_thenItIsUnchanged() {
        assertThat(ContextFitter.fit(TEXT, 12, true, WORDS)).isEqualTo(TEXT);
    }

    @Test
    void givenTruncationAtTheEnd_whenFitted_thenTheHeadIsKeptWithinTheBudget() {
        String cut = ContextFitter.fit(TEXT, 5, false, WORDS);

        assertThat(WORDS.applyAsInt(cut)).isLessThanOrEqualTo(5);
        assertThat(cut).startsWith("aim one two three").doesNotContain("result");
    }

    @Test
    void givenTruncationInTheMiddle_whenFitted_thenHeadAndTailSurviveAroundTheMarker() {
        String cut = ContextFitter.fit(TEXT, 7, true, WORDS);

        assertThat(WORDS.applyAsInt(cut)).isLessThanOrEqualTo(7);
        assertThat(cut).startsWith("aim").endsWith("result").contains(ContextFitter.ELLIPSIS.strip());
    }

    @Test
    void givenABudget_whenFitted_thenOneMoreCharacterWouldNotFit() {
        String cut = ContextFitter.fit(TEXT, 6, false, WORDS);

        assertThat(cut).isEqualTo("aim one two three four five ");
        assertThat(WORDS.applyAsInt(TEXT.substring(0, cut.length() + 1))).isGreaterThan(6);
    }
}
