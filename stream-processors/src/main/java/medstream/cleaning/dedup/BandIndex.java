package medstream.cleaning.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LSH band index in memory: band key -> the first indexed document that had it (the one with the lowest arrival
 * sequence). It is derived state, rebuilt from the persistent (changelogged) signature store whenever the dedup
 * processor starts, so it needs no store or changelog of its own.
 *
 * <p>Why in memory: held in RocksDB, the 32 band writes of every new document (one {@code WriteBatch}) and the band
 * reads were the part of near-dedup whose cost grew with the corpus. Here a lookup or a claim is one probe of an
 * open-addressing {@code long -> int} table. The table grows incrementally: when it is 3/4 full a table twice the size
 * is allocated and every later insert moves a few entries across, so no single document pays for copying the
 * whole index (a stop-the-world rehash of 4M slots takes hundreds of milliseconds, a stall of the stream thread and
 * a step in the per-document cost exactly where the corpus is large).
 *
 * <p>Memory: 12 bytes per slot at a load of 3/8 to 3/4 (16-32 bytes per band, 0.5-1 KB per indexed document with 32
 * bands, up to 1.5x while growing) plus the document id; 100,000 documents take ~50-100 MB. Not thread-safe: one per
 * dedup task.
 */
public final class BandIndex {

    /**
     * Old-table slots moved per insert while growing. Two spread the move over most of the inserts until the next
     * growth (old capacity / 2 of the 3/4 * old capacity inserts), so the extra cost per document is small and even;
     * the new table is then 5/8 full when the move ends, below the 3/4 that starts the next one.
     */
    private static final int MIGRATE_PER_OPERATION = 2;

    private long[] keys;
    /** 0: empty slot; otherwise the owner's document slot + 1. */
    private int[] owners;
    private int mask;
    private int size;
    /** The table being emptied into {@link #keys} while growing, or {@code null}. */
    private long[] oldKeys;
    private int[] oldOwners;
    private int oldMask;
    private int migrated;

    private final List<String> ids = new ArrayList<>();
    private long[] sequences = new long[1024];

    /** An empty index sized for about {@code expectedBands} band keys (it grows as needed). */
    public BandIndex(int expectedBands) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedBands * 2 - 1)) << 1;
        keys = new long[capacity];
        owners = new int[capacity];
        mask = capacity - 1;
    }

    /**
     * An empty index sized for the documents a processor restores (at least 2,048 documents' worth of bands).
     *
     * @param documents documents about to be indexed
     * @param bands     bands per document
     * @return the index
     */
    public static BandIndex forDocuments(long documents, int bands) {
        return new BandIndex((int) Math.min(1L << 28, Math.max(2048L, documents) * bands));
    }

    /** Number of band keys that have an owner. */
    public int bands() {
        return size;
    }

    /** Number of documents that own at least one band. */
    public int documents() {
        return ids.size();
    }

    /** The document that first had this band key, or {@code null}. */
    public String owner(long bandKey) {
        int owner = find(bandKey);
        return owner == 0 ? null : ids.get(owner - 1);
    }

    /**
     * Gives unowned band keys to a document; keys that already have an owner with a lower arrival sequence keep it
     * (a rebuild visits documents in key order, not in arrival order, so "first" must be decided by sequence).
     *
     * @param bandKeys   the document's band keys
     * @param count      how many of {@code bandKeys} to consider (a prefix)
     * @param documentId the document
     * @param sequence   its arrival sequence
     */
    public void claim(long[] bandKeys, int count, String documentId, long sequence) {
        int slot = -1;
        for (int i = 0; i < count; i++) {
            int current = find(bandKeys[i]);
            if (current != 0 && sequences[current - 1] <= sequence) {
                continue;
            }
            if (slot < 0) {
                slot = register(documentId, sequence);
            }
            put(bandKeys[i], slot + 1);
        }
    }

    private int register(String documentId, long sequence) {
        int slot = ids.size();
        if (slot == sequences.length) {
            sequences = Arrays.copyOf(sequences, slot * 2);
        }
        sequences[slot] = sequence;
        ids.add(documentId);
        return slot;
    }

    /** The owner (+1) of a key in the current table, else in the table being emptied, else 0. */
    private int find(long key) {
        int owner = probe(keys, owners, mask, key);
        if (owner == 0 && oldKeys != null) {
            owner = probe(oldKeys, oldOwners, oldMask, key);
        }
        return owner;
    }

    private static int probe(long[] keys, int[] owners, int mask, long key) {
        int slot = slot(key, mask);
        while (owners[slot] != 0) {
            if (keys[slot] == key) {
                return owners[slot];
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    /** Sets a key's owner in the current table (a stale copy in the old table is shadowed and never moved over it). */
    private void put(long key, int owner) {
        if (oldKeys != null) {
            migrateSome();
        }
        if (insert(key, owner, true)) {
            size++;
            if (oldKeys != null) {
                // Counted once: a key still waiting in the old table was counted when it went in there.
                if (probe(oldKeys, oldOwners, oldMask, key) != 0) {
                    size--;
                }
            }
        }
        if (oldKeys == null && size * 4L > keys.length * 3L) {
            startGrowing();
        }
    }

    /** @return whether the key was new to the current table */
    private boolean insert(long key, int owner, boolean overwrite) {
        int slot = slot(key, mask);
        while (owners[slot] != 0) {
            if (keys[slot] == key) {
                if (overwrite) {
                    owners[slot] = owner;
                }
                return false;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        owners[slot] = owner;
        return true;
    }

    private void startGrowing() {
        oldKeys = keys;
        oldOwners = owners;
        oldMask = mask;
        migrated = 0;
        keys = new long[oldKeys.length * 2];
        owners = new int[oldKeys.length * 2];
        mask = keys.length - 1;
    }

    /** Moves the next few old slots into the current table; entries already set there (newer owners) win. */
    private void migrateSome() {
        int end = Math.min(oldKeys.length, migrated + MIGRATE_PER_OPERATION);
        for (int i = migrated; i < end; i++) {
            if (oldOwners[i] != 0) {
                insert(oldKeys[i], oldOwners[i], false);
            }
        }
        migrated = end;
        if (migrated == oldKeys.length) {
            oldKeys = null;
            oldOwners = null;
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
