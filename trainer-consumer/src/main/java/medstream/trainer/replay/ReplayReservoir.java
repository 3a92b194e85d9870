package medstream.trainer.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import medstream.trainer.format.Example;

/**
 * A uniform sample of the rows a stage has trained on (Vitter's algorithm R), replayed into later rounds
 * so that new data does not make the model forget the old. Saved in every checkpoint as an extra file.
 *
 * <p>Every random choice is a pure function of the seed and a counter (the number of rows offered, or the
 * round number), never of a random generator's hidden state, so a resumed trainer draws exactly what an
 * uninterrupted one would have drawn.
 */
public final class ReplayReservoir {

    private static final int MAGIC = 0x4d53_5252; // "MSRR"
    private static final int FORMAT = 1;

    private final int capacity;
    private final long seed;
    private final List<Example> items;
    private long seen;

    /**
     * An empty reservoir.
     *
     * @param capacity most rows kept (0 disables replay)
     * @param seed seed of every random choice
     */
    public ReplayReservoir(int capacity, long seed) {
        this(capacity, seed, new ArrayList<>(), 0);
    }

    private ReplayReservoir(int capacity, long seed, List<Example> items, long seen) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.seed = seed;
        this.items = items;
        this.seen = seen;
    }

    /** Rows kept. */
    public int size() {
        return items.size();
    }

    /** Rows ever offered. */
    public long seen() {
        return seen;
    }

    /** Most rows kept. */
    public int capacity() {
        return capacity;
    }

    /** The kept rows (read only). */
    public List<Example> items() {
        return Collections.unmodifiableList(items);
    }

    /** Offers a row: kept with probability capacity / seen, replacing a uniformly chosen one when full. */
    public void offer(Example row) {
        long index = seen++;
        if (capacity == 0) {
            return;
        }
        if (items.size() < capacity) {
            items.add(row);
            return;
        }
        long j = random(seed, index).nextLong(index + 1);
        if (j < capacity) {
            items.set((int) j, row);
        }
    }

    /** Offers rows in order. */
    public void offerAll(List<Example> rows) {
        rows.forEach(this::offer);
    }

    /**
     * Draws {@code n} distinct kept rows (all of them when {@code n >= size()}).
     *
     * @param n rows wanted
     * @param draw a counter that makes this draw differ from others (the round number)
     * @return the rows, in drawing order
     */
    public List<Example> sample(int n, long draw) {
        int k = Math.min(n, items.size());
        List<Example> pool = new ArrayList<>(items);
        SplittableRandom rng = random(seed ^ 0x5DEECE66DL, draw);
        // Partial Fisher-Yates: the first k positions become the sample.
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(pool.size() - i);
            Collections.swap(pool, i, j);
        }
        return new ArrayList<>(pool.subList(0, k));
    }

    /** Writes the reservoir (capacity, seed, counter and rows) to a file. */
    public void save(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(capacity);
            out.writeLong(seed);
            out.writeLong(seen);
            out.writeInt(items.size());
            for (Example e : items) {
                out.writeInt(e.tokens().length);
                for (int t : e.tokens()) {
                    out.writeInt(t);
                }
                for (float m : e.lossMask()) {
                    out.writeFloat(m);
                }
                out.writeFloat(e.weight());
            }
        }
    }

    /**
     * Reads a reservoir written by {@link #save(Path)}.
     *
     * @param file the file
     * @return the reservoir
     * @throws IOException if the file cannot be read or is not a reservoir
     */
    public static ReplayReservoir load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException(file + " is not a replay reservoir of format " + FORMAT
                        + "; it was written by another version of the trainer");
            }
            int capacity = in.readInt();
            long seed = in.readLong();
            long seen = in.readLong();
            int n = in.readInt();
            List<Example> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = in.readInt();
                int[] tokens = new int[len];
                for (int t = 0; t < len; t++) {
                    tokens[t] = in.readInt();
                }
                float[] mask = new float[len - 1];
                for (int t = 0; t < len - 1; t++) {
                    mask[t] = in.readFloat();
                }
                items.add(new Example(tokens, mask, in.readFloat()));
            }
            return new ReplayReservoir(capacity, seed, items, seen);
        }
    }

    private static SplittableRandom random(long seed, long counter) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + counter);
    }
}
