package medstream.ingest.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import medstream.contracts.KgTriplet;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Guard;
import medstream.ingest.io.MalformedEntryException;
import medstream.ingest.io.TextLines;

/**
 * K-BERT's Chinese medical SPO triples ({@code kbert-medical-spo}): {@code Medical.spo}, headerless
 * {@code subject<TAB>predicate<TAB>object} -> KgTriplet (language zh). The only predicate is 类别
 * (category) and the object is the subject's entity type, so it is also the subject type; the object's
 * own type is 类别.
 */
public final class KbertSpoAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "kbert-medical-spo";
    static final String FILE = "Medical.spo";
    /** The type of a 类别 object: a category. */
    static final String CATEGORY = "类别";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "K-BERT Chinese medical SPO triples (TSV) -> raw.kg-triplets (zh)";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        Path dir = DataFiles.directoryOf(path);
        Path file = DataFiles.onlyFile(path, FILE, NAME);
        String name = DataFiles.relativeName(dir, file);
        return TextLines.read(file)
                .filter(l -> !l.text().isBlank())
                .flatMap(l -> {
                    Origin origin = new Origin(name, l.number());
                    return Guard.run(origin, l.text(), () -> List.of(triplet(l.text(), origin))).stream();
                });
    }

    static Entry triplet(String line, Origin origin) throws MalformedEntryException {
        String[] f = line.split("\t", -1);
        if (f.length != 3 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
            throw new MalformedEntryException("expected 3 non-empty tab-separated columns (subject, predicate, "
                    + "object), found " + f.length + " columns");
        }
        String s = f[0].strip();
        String p = f[1].strip();
        String o = f[2].strip();
        KgTriplet t = KgTriplet.newBuilder()
                .setSubject(s).setSubjectName(s).setSubjectType(CATEGORY.equals(p) ? o : "实体")
                .setRelation(p)
                .setObject(o).setObjectName(o).setObjectType(CATEGORY.equals(p) ? CATEGORY : "实体")
                .setSource(NAME).setLanguage("zh")
                .build();
        return new Entry.Produce(origin, NAME + ":" + s + "|" + p + "|" + o, t);
    }
}
