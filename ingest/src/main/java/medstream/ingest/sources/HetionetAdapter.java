package medstream.ingest.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Hetionet v1.0 ({@code hetionet}): every edge of {@code hetionet-v1.0-edges-sample.sif.gz}
 * ({@code source<TAB>metaedge<TAB>target}) -> KgTriplet with both endpoints' names and kinds from
 * {@code hetionet-v1.0-nodes.tsv.gz} and the metaedge abbreviation turned into its verb through
 * {@code metaedges.tsv} ("CtD" -> Compound treats Disease). The key keeps the abbreviation
 * ({@code hetionet:<source>|CtD|<target>}) because it also carries the direction. Nodes without edges
 * produce nothing: they are a dictionary, not facts.
 */
public final class HetionetAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "hetionet";
    static final String NODES = "hetionet-v1.0-nodes.tsv.gz";
    static final String EDGES = "hetionet-v1.0-edges-sample.sif.gz";
    static final String METAEDGES = "metaedges.tsv";

    /** A node's name and kind. */
    record Node(String name, String kind) { }

    /** A metaedge: "Compound - treats - Disease" or, directed, "Gene > regulates > Gene". */
    record Metaedge(String sourceKind, String verb, String targetKind) { }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Hetionet edges (SIF) with node names and metaedge verbs -> raw.kg-triplets";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        DataFiles.requireExists(path, NAME);
        Path dir = DataFiles.directoryOf(path);
        if (!DataFiles.wants(path, EDGES)) {
            throw DataFiles.unknownFile(path, NAME, EDGES);
        }
        Map<String, Metaedge> metaedges = readMetaedges(DataFiles.require(dir, METAEDGES, NAME));
        List<Entry> nodeFailures = new ArrayList<>();
        Map<String, Node> nodes = readNodes(dir, DataFiles.require(dir, NODES, NAME), nodeFailures);
        Path edges = DataFiles.require(dir, EDGES, NAME);
        String name = DataFiles.relativeName(dir, edges);
        return Stream.concat(nodeFailures.stream(), TextLines.read(edges)
                .filter(l -> l.number() > 1 && !l.text().isBlank())
                .flatMap(l -> {
                    Origin origin = new Origin(name, l.number());
                    return Guard.run(origin, l.text(), () -> List.of(edge(l.text(), origin, nodes, metaedges))).stream();
                }));
    }

    static Entry edge(String line, Origin origin, Map<String, Node> nodes, Map<String, Metaedge> metaedges)
            throws MalformedEntryException {
        String[] f = line.split("\t", -1);
        if (f.length != 3) {
            throw new MalformedEntryException("expected 3 tab-separated columns (source, metaedge, target), found "
                    + f.length);
        }
        Metaedge m = metaedges.get(f[1]);
        if (m == null) {
            throw new MalformedEntryException("metaedge '" + f[1] + "' is not in metaedges.tsv");
        }
        Node s = nodes.get(f[0]);
        Node o = nodes.get(f[2]);
        if (s == null || o == null) {
            throw new MalformedEntryException("node '" + (s == null ? f[0] : f[2]) + "' is not in the nodes file");
        }
        KgTriplet t = KgTriplet.newBuilder()
                .setSubject(f[0]).setSubjectName(s.name()).setSubjectType(s.kind())
                .setRelation(m.verb())
                .setObject(f[2]).setObjectName(o.name()).setObjectType(o.kind())
                .setSource(NAME).setLanguage("en")
                .build();
        return new Entry.Produce(origin, NAME + ":" + f[0] + "|" + f[1] + "|" + f[2], t);
    }

    /** abbreviation -> metaedge, from "Compound - treats - Disease<TAB>CtD<TAB>...". */
    static Map<String, Metaedge> readMetaedges(Path file) throws IOException {
        Map<String, Metaedge> out = new HashMap<>();
        try (Stream<TextLines.Line> lines = TextLines.read(file)) {
            for (TextLines.Line l : (Iterable<TextLines.Line>) lines.skip(1)::iterator) {
                if (l.text().isBlank()) {
                    continue;
                }
                String[] f = l.text().split("\t");
                // " - " for undirected metaedges, " > " for directed ones ("Gene > regulates > Gene").
                String[] parts = f[0].split(" [->] ");
                if (f.length < 2 || parts.length != 3) {
                    throw new IOException(file + " line " + l.number() + ": expected \"<Kind> - <verb> - <Kind><TAB>"
                            + "<abbreviation>...\", found '" + l.text() + "'");
                }
                out.put(f[1].strip(), new Metaedge(parts[0].strip(), parts[1].strip(), parts[2].strip()));
            }
        }
        return out;
    }

    /**
     * id -> (name, kind), from "id<TAB>name<TAB>kind" (CRLF lines). A malformed line is added to
     * {@code failures} (it reaches the dead-letter topic) and edges that need it fail in turn.
     */
    static Map<String, Node> readNodes(Path dir, Path file, List<Entry> failures) throws IOException {
        String name = DataFiles.relativeName(dir, file);
        Map<String, Node> out = new HashMap<>(1 << 16);
        try (Stream<TextLines.Line> lines = TextLines.read(file)) {
            for (TextLines.Line l : (Iterable<TextLines.Line>) lines.skip(1)::iterator) {
                if (l.text().isBlank()) {
                    continue;
                }
                String[] f = l.text().split("\t");
                if (f.length != 3) {
                    failures.add(Entry.Failure.of(new Origin(name, l.number()), l.text(), new MalformedEntryException(
                            "expected 3 tab-separated columns (id, name, kind), found " + f.length)));
                    continue;
                }
                out.put(f[0], new Node(f[1], f[2]));
            }
        }
        return out;
    }
}
