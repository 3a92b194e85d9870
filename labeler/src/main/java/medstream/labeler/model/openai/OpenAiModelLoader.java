package medstream.labeler.model.openai;

import java.nio.file.Path;
import medstream.labeler.model.LabelingModel;
import medstream.labeler.model.ModelLoader;

/**
 * The {@link ModelLoader} of {@code medstream.labeler.backend=openai}: every load connects to the configured server. The
 * checkpoint path means nothing to a served model and is ignored; the version is the given one, else
 * {@code openai:<model>}.
 */
public final class OpenAiModelLoader implements ModelLoader {
    private final OpenAiConfig config;

    /** @param config the server, model and client limits */
    public OpenAiModelLoader(OpenAiConfig config) {
        this.config = config;
    }

    @Override
    public LabelingModel load(Path checkpoint, String version, String device) {
        return OpenAiCompletionsModel.connect(config, version);
    }
}
