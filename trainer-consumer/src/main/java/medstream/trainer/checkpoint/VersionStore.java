package medstream.trainer.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import medstream.lm.checkpoint.Checkpoint;
import medstream.lm.checkpoint.CorruptCheckpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one stage: {@code <root>/stage<N>/s<N>-v<NNNN>}, one directory per published
 * version, numbered in the order they were written.
 *
 * <p>{@link #latestValid()} is the only way the trainer finds where to resume. It walks from the newest
 * version down and opens each one; an unreadable one is logged as an ERROR naming the file that failed and
 * the version it falls back to, and is remembered in {@link #skipped()} so reports can show it. It never
 * falls back silently to "no checkpoint" while damaged ones exist: when every version is damaged it
 * throws, because starting from scratch would retrain the whole topic under a new lineage.
 */
public final class VersionStore {

    private static final Logger LOG = LoggerFactory.getLogger(VersionStore.class);
    private static final Pattern NAME = Pattern.compile("s(\\d)-v(\\d{4,})");

    private final Path dir;
    private final int stage;
    private final boolean owner;
    private final List<String> skipped = new ArrayList<>();

    /**
     * The store of the stage this process trains: {@link #latestValid()} also clears its unfinished writes.
     *
     * @param root the trainer's checkpoint root (one sub-directory per stage)
     * @param stage 1, 2 or 3
     */
    public VersionStore(Path root, int stage) {
        this(root, stage, true);
    }

    private VersionStore(Path root, int stage, boolean owner) {
        this.dir = root.resolve("stage" + stage);
        this.stage = stage;
        this.owner = owner;
    }

    /**
     * Another stage's store, read only: its {@link #latestValid()} never deletes the unfinished writes, which may be
     * that stage's trainer writing a checkpoint right now (a stage reading its parent's store once deleted the
     * parent's half-written version under it).
     */
    public static VersionStore readOnly(Path root, int stage) {
        return new VersionStore(root, stage, false);
    }

    /** The stage's directory. */
    public Path dir() {
        return dir;
    }

    /** The stage. */
    public int stage() {
        return stage;
    }

    /** Versions found damaged by the last {@link #latestValid()}, with the reason. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** Version directories, newest first. */
    public List<Path> versionsNewestFirst() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(p -> number(p) >= 0)
                    .sorted(Comparator.comparingLong(VersionStore::number).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }

    /**
     * The newest version that opens and verifies; damaged newer ones are logged and skipped.
     *
     * @return the checkpoint, or empty when the stage has none at all
     * @throws IllegalStateException when versions exist but none of them is readable
     */
    public Optional<Checkpoint> latestValid() {
        skipped.clear();
        if (owner) {
            try {
                Checkpoint.deleteUnfinished(dir);
            } catch (IOException e) {
                LOG.warn("could not delete unfinished checkpoint directories under {}: {}", dir, e.getMessage());
            }
        }
        List<Path> versions = versionsNewestFirst();
        for (int i = 0; i < versions.size(); i++) {
            Path v = versions.get(i);
            try {
                Checkpoint c = Checkpoint.open(v);
                if (i > 0) {
                    LOG.error("stage {}: resuming from {} because {} newer version(s) could not be read: {}", stage,
                            c.version(), i, skipped);
                }
                return Optional.of(c);
            } catch (CorruptCheckpointException | UncheckedIOException e) {
                String next = i + 1 < versions.size() ? versions.get(i + 1).getFileName().toString() : "none";
                LOG.error("stage {}: checkpoint {} is unreadable: {}. Falling back to the previous version ({}). Delete"
                        + " or repair {} to silence this.", stage, v.getFileName(), e.getMessage(), next, v);
                skipped.add(v.getFileName() + ": " + e.getMessage());
            }
        }
        if (!versions.isEmpty()) {
            throw new IllegalStateException("stage " + stage + ": all " + versions.size() + " checkpoints under " + dir
                    + " are unreadable (" + skipped + "). Refusing to start from scratch, which would retrain the whole"
                    + " topic under a new lineage; restore a checkpoint or move the directory away to start over.");
        }
        return Optional.empty();
    }

    /** The directory for the next version (after every existing one, damaged ones included). */
    public Path nextVersionDir() {
        long max = versionsNewestFirst().stream().mapToLong(VersionStore::number).max().orElse(0);
        return dir.resolve(name(stage, max + 1));
    }

    /** The version name of number {@code n}: {@code s<stage>-v<n>}, zero-padded to four digits. */
    public static String name(int stage, long n) {
        return String.format(Locale.ROOT, "s%d-v%04d", stage, n);
    }

    /** The number of a version directory, or -1 when the name is not a version. */
    static long number(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }
}
