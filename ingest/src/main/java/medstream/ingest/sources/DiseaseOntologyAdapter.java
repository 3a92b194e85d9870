package medstream.ingest.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import medstream.contracts.KgTriplet;
import medstream.contracts.RawDocument;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Guard;
import medstream.ingest.io.MalformedEntryException;
import medstream.ingest.io.Obo;
import medstream.ingest.io.Streams;
import medstream.ingest.io.TextLines;

/**
 * Human Disease Ontology ({@code disease-ontology}) -> KgTriplets and definition documents:
 * <ol>
 *   <li>{@code HumanDO.tsv}: (disease, is_a, parent); the parent label is resolved to its DOID through the
 *       same file's labels.</li>
 *   <li>{@code disease-symptom.tsv}: (disease, has_symptom, SYMP id).</li>
 *   <li>{@code DO-subClassOf-anonymous.tsv}: the OWL restrictions ({@link OwlRestrictions}), fillers
 *       resolved to DOIDs or SYMP ids where the label is known; a fact already produced by step 2 is
 *       counted as {@value Entry#SKIPPED_DUPLICATE}.</li>
 *   <li>{@code DO_rare_slim.obo} (current): each non-obsolete term with a {@code def:} -> RawDocument of kind
 *       DEFINITION, title = name.</li>
 *   <li>{@code doid-2016-08-16.obo.gz} (optional): only the terms the current file lacks, deduplicated by DOID.</li>
 * </ol>
 * The deduplication sets live for one {@link #read} call: a data set holds ~25k keys.
 */
public final class DiseaseOntologyAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "disease-ontology";
    static final String IS_A = "HumanDO.tsv";
    static final String SYMPTOMS = "disease-symptom.tsv";
    static final String RESTRICTIONS = "DO-subClassOf-anonymous.tsv";
    static final String RARE_SLIM = "DO_rare_slim.obo";
    static final String OBO_2016 = "doid-2016-08-16.obo.gz";
    /** Skip reason for obsolete terms that still carry a definition. */
    static final String SKIPPED_OBSOLETE = "skipped_obsolete";
    /** Object kinds by relation, for fillers that are not diseases or symptoms. */
    private static final Map<String, String> FILLER_KIND = Map.ofEntries(
            Map.entry("has_symptom", "Symptom"), Map.entry("disease_has_location", "Anatomy"),
            Map.entry("located_in", "Anatomy"), Map.entry("has_origin", "Anatomy"), Map.entry("adjacent_to", "Anatomy"),
            Map.entry("transmitted_by", "Organism"), Map.entry("has_allergic_trigger", "Allergen"),
            Map.entry("has_disease_driver", "Disease driver"), Map.entry("existence_starts_during", "Onset"),
            Map.entry("has_phenotype", "Phenotype"), Map.entry("disease_has_feature", "Feature"),
            Map.entry("derives_from", "Cell"), Map.entry("has_material_basis_in", "Material basis"),
            Map.entry("disease_has_basis_in", "Basis"), Map.entry("has_major_susceptibility_factor", "Risk factor"));

    private final Clock clock;

    /** An adapter stamping documents with {@code clock}'s time. */
    public DiseaseOntologyAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Disease Ontology is_a, OWL restrictions, disease-symptom -> raw.kg-triplets; OBO definitions -> "
                + "raw.documents (DEFINITION)";
    }

    /** A TSV row of HumanDO.tsv or disease-symptom.tsv, kept in memory because later files need its labels. */
    private record Row(Origin origin, String raw, String[] fields) { }

    /** State of one read: labels for resolving fillers, and what has been produced. */
    private static final class Run {
        final Map<String, String> diseaseIdByLabel = new HashMap<>();
        final Map<String, String> symptomIdByLabel = new HashMap<>();
        final Set<String> tripletKeys = new HashSet<>();
        final Set<String> definedTerms = new HashSet<>();
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path dir = DataFiles.directoryOf(path);
        boolean wholeDataSet = Files.isDirectory(path);
        Run run = new Run();
        List<Streams.IoSupplier<Stream<Entry>>> parts = new ArrayList<>();
        // Labels come first: restrictions name their fillers by label.
        List<Row> isA = DataFiles.wants(path, IS_A) || DataFiles.wants(path, RESTRICTIONS)
                ? tsv(dir, DataFiles.require(dir, IS_A, NAME), 3) : List.of();
        List<Row> symptoms = DataFiles.wants(path, SYMPTOMS) || DataFiles.wants(path, RESTRICTIONS)
                ? tsv(dir, DataFiles.require(dir, SYMPTOMS, NAME), 4) : List.of();
        for (Row r : isA) {
            if (r.fields() != null) {
                run.diseaseIdByLabel.putIfAbsent(r.fields()[1], r.fields()[0]);
            }
        }
        for (Row r : symptoms) {
            if (r.fields() != null) {
                run.diseaseIdByLabel.putIfAbsent(r.fields()[1], r.fields()[0]);
                run.symptomIdByLabel.putIfAbsent(r.fields()[3], r.fields()[2]);
            }
        }
        if (DataFiles.wants(path, IS_A)) {
            parts.add(() -> isA.stream().flatMap(r -> guarded(r, () -> isA(r, run))));
        }
        if (DataFiles.wants(path, SYMPTOMS)) {
            parts.add(() -> symptoms.stream().flatMap(r -> guarded(r, () -> symptom(r, run))));
        }
        if (DataFiles.wants(path, RESTRICTIONS)) {
            Path file = DataFiles.require(dir, RESTRICTIONS, NAME);
            String name = DataFiles.relativeName(dir, file);
            parts.add(() -> TextLines.read(file)
                    .filter(l -> l.number() > 1 && !l.text().isBlank())
                    .flatMap(l -> {
                        Origin origin = new Origin(name, l.number());
                        return Guard.run(origin, l.text(), () -> restrictions(l.text(), origin, run)).stream();
                    }));
        }
        if (DataFiles.wants(path, RARE_SLIM)) {
            Path file = DataFiles.require(dir, RARE_SLIM, NAME);
            parts.add(() -> definitions(dir, file, run));
        }
        boolean has2016 = Files.isRegularFile(dir.resolve(OBO_2016));
        if (wholeDataSet ? has2016 : DataFiles.wants(path, OBO_2016)) {
            Path file = DataFiles.require(dir, OBO_2016, NAME);
            parts.add(() -> definitions(dir, file, run));
        }
        if (parts.isEmpty()) {
            throw DataFiles.unknownFile(path, NAME, IS_A, SYMPTOMS, RESTRICTIONS, RARE_SLIM, OBO_2016);
        }
        return Streams.concat(parts);
    }

    private static Stream<Entry> guarded(Row r, Guard.EntryParser parser) {
        if (r.fields() == null) {
            return Stream.of(Entry.Failure.of(r.origin(), r.raw(), new MalformedEntryException(
                    "wrong number of tab-separated columns")));
        }
        return Guard.run(r.origin(), r.raw(), parser).stream();
    }

    /** The data rows of a TSV with a header; quoted values ("DOID:4") are unquoted. Bad rows keep null fields. */
    private static List<Row> tsv(Path dir, Path file, int columns) throws IOException {
        String name = DataFiles.relativeName(dir, file);
        List<Row> rows = new ArrayList<>();
        try (Stream<TextLines.Line> lines = TextLines.read(file)) {
            for (TextLines.Line l : (Iterable<TextLines.Line>) lines.skip(1)::iterator) {
                if (l.text().isBlank()) {
                    continue;
                }
                String[] f = l.text().split("\t", -1);
                if (f.length != columns) {
                    rows.add(new Row(new Origin(name, l.number()), l.text(), null));
                    continue;
                }
                for (int i = 0; i < f.length; i++) {
                    f[i] = unquote(f[i].strip());
                }
                rows.add(new Row(new Origin(name, l.number()), l.text(), f));
            }
        }
        return rows;
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
                ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    private static List<Entry> isA(Row r, Run run) throws MalformedEntryException {
        String[] f = r.fields();
        requireDoid(f[0]);
        String parentLabel = nonBlank(f[2], "subClassOf");
        String parent = run.diseaseIdByLabel.getOrDefault(parentLabel, parentLabel);
        return List.of(triplet(r.origin(), run, f[0], nonBlank(f[1], "label"), "is_a", parent, parentLabel,
                "Disease"));
    }

    private static List<Entry> symptom(Row r, Run run) throws MalformedEntryException {
        String[] f = r.fields();
        requireDoid(f[0]);
        return List.of(triplet(r.origin(), run, f[0], nonBlank(f[1], "disease_label"), "has_symptom",
                nonBlank(f[2], "symptom_id"), nonBlank(f[3], "symptom_label"), "Symptom"));
    }

    private static List<Entry> restrictions(String line, Origin origin, Run run) throws MalformedEntryException {
        String[] f = line.split("\t", -1);
        if (f.length != 3) {
            throw new MalformedEntryException("expected 3 tab-separated columns (ID, LABEL, SubClass Of), found "
                    + f.length);
        }
        requireDoid(f[0].strip());
        List<Entry> out = new ArrayList<>();
        for (String part : f[2].split("\\|")) {
            for (OwlRestrictions.Fact fact : OwlRestrictions.parse(part)) {
                String filler = fact.filler();
                String symptomId = run.symptomIdByLabel.get(filler);
                String diseaseId = run.diseaseIdByLabel.get(filler);
                String object = symptomId != null && fact.relation().equals("has_symptom") ? symptomId
                        : diseaseId != null ? diseaseId : symptomId != null ? symptomId : filler;
                String kind = object.startsWith("DOID:") ? "Disease" : object.startsWith("SYMP:") ? "Symptom"
                        : FILLER_KIND.getOrDefault(fact.relation(), "Entity");
                out.add(triplet(origin, run, f[0].strip(), f[1].strip(), fact.relation(), object, filler, kind));
            }
        }
        if (out.isEmpty()) {
            throw new MalformedEntryException("no existential restriction found in '" + f[2] + "'");
        }
        return out;
    }

    private static Entry triplet(Origin origin, Run run, String subject, String subjectName, String relation,
                                 String object, String objectName, String objectType) {
        String key = NAME + ":" + subject + "|" + relation + "|" + object;
        if (!run.tripletKeys.add(key)) {
            return new Entry.Skip(origin, Entry.SKIPPED_DUPLICATE);
        }
        KgTriplet t = KgTriplet.newBuilder()
                .setSubject(subject).setSubjectName(subjectName).setSubjectType("Disease")
                .setRelation(relation)
                .setObject(object).setObjectName(objectName).setObjectType(objectType)
                .setSource(NAME).setLanguage("en")
                .build();
        return new Entry.Produce(origin, key, t);
    }

    private Stream<Entry> definitions(Path dir, Path file, Run run) throws IOException {
        String name = DataFiles.relativeName(dir, file);
        String release = Obo.dataVersion(file);
        return Obo.terms(file).flatMap(t -> {
            Origin origin = new Origin(name, t.line());
            return Guard.run(origin, t.raw(), () -> definition(t, origin, release, run)).stream();
        });
    }

    private List<Entry> definition(Obo.Term t, Origin origin, String release, Run run) throws MalformedEntryException {
        if (t.error() != null) {
            throw new MalformedEntryException(t.error());
        }
        if (t.def() == null || t.def().isBlank()) {
            return List.of(); // a term without a definition has no text to ingest; is_a comes from HumanDO.tsv
        }
        if (t.obsolete()) {
            return List.of(new Entry.Skip(origin, SKIPPED_OBSOLETE));
        }
        requireDoid(t.id());
        if (!run.definedTerms.add(t.id())) {
            return List.of(new Entry.Skip(origin, Entry.SKIPPED_DUPLICATE));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("file", origin.file());
        metadata.put("line", Long.toString(origin.line()));
        if (release != null) {
            metadata.put("release", release);
        }
        String id = NAME + ":" + t.id();
        RawDocument doc = RawDocument.newBuilder()
                .setId(id)
                .setSource(NAME)
                .setKind("DEFINITION")
                .setLanguage("en")
                .setTitle(t.name())
                .setBody(t.def().strip())
                .setMetadata(metadata)
                .setIngestedAt(clock.instant())
                .build();
        return List.of(new Entry.Produce(origin, id, doc));
    }

    private static void requireDoid(String id) throws MalformedEntryException {
        if (id == null || !id.startsWith("DOID:")) {
            throw new MalformedEntryException("'" + id + "' is not a DOID (DOID:<digits>)");
        }
    }

    private static String nonBlank(String s, String column) throws MalformedEntryException {
        if (s == null || s.isBlank()) {
            throw new MalformedEntryException("column '" + column + "' is blank");
        }
        return s;
    }
}
