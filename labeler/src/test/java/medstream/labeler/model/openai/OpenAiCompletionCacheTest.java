package medstream.labeler.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers survive a restart on disk, and every part of the key matters. */
class OpenAiCompletionCacheTest {

    @Test
    void givenAnAnswerCachedOnDisk_whenANewCacheOpensTheDirectory_thenItIsAHit(@TempDir Path dir) throws Exception {
        String key = CompletionCache.key("m", "Answer: yes", "{\"echo\":true}");
        new CompletionCache(dir).put(key, "{\"choices\":[]}");

        CompletionCache afterRestart = new CompletionCache(dir);

        assertThat(afterRestart.get(key)).contains("{\"choices\":[]}");
        assertThat(afterRestart.get(CompletionCache.key("m", "Answer: no", "{\"echo\":true}"))).isEmpty();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void givenNoDirectory_whenCaching_thenAnswersLiveInMemoryOnly() {
        CompletionCache memory = new CompletionCache(null);
        memory.put("k0", "answer");

        assertThat(memory.get("k0")).contains("answer");
        assertThat(new CompletionCache(null).get("k0")).isEmpty();
    }

    @Test
    void givenRequestsThatDifferInModelPromptOrParameters_whenKeyed_thenEveryKeyDiffers() {
        String base = CompletionCache.key("m", "p", "{}");

        assertThat(CompletionCache.key("m2", "p", "{}")).isNotEqualTo(base);
        assertThat(CompletionCache.key("m", "p2", "{}")).isNotEqualTo(base);
        assertThat(CompletionCache.key("m", "p", "{\"seed\":1}")).isNotEqualTo(base);
        // The parts are length-prefixed: moving text from one part to the next changes the key.
        assertThat(CompletionCache.key("mp", "", "{}")).isNotEqualTo(CompletionCache.key("m", "p", "{}"));
        assertThat(base).hasSize(64).isEqualTo(CompletionCache.key("m", "p", "{}"));
    }
}
