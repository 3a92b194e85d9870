package medstream.knowledge.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import medstream.knowledge.kg.Fact;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The KG app's state: one entry per (entity, direction, fact) and one small record per entity with
 * pending facts. Internal to the app (changelog topics only, never a contract), so a compact
 * hand-written binary form is used instead of a registered Avro schema.
 */
final class KgState {
    private KgState() { }

    /** Whether the entity is the fact's subject (OUT) or object (IN). */
    enum Direction { OUT, IN }

    /**
     * A stored fact and whether text covering it was already emitted.
     *
     * @param fact    the fact
     * @param emitted true once an emission included it (a re-ingested copy then changes nothing)
     */
    record FactEntry(Fact fact, boolean emitted) { }

    /**
     * An entity with facts not yet emitted.
     *
     * @param lastUpdateMs when its last new fact arrived (stream or wall-clock time, as configured)
     * @param pending      number of facts not yet emitted
     */
    record EntityMeta(long lastUpdateMs, int pending) { }

    /** Separates the parts of store keys; it never occurs in ids. */
    static final char SEP = '\u0001';

    /** The facts-store key of one fact of one entity. */
    static String factKey(String entityKey, Direction d, String factId) {
        return entityKey + SEP + d.name() + SEP + factId;
    }

    /** The prefix under which all facts of an entity are stored. */
    static String entityPrefix(String entityKey) {
        return entityKey + SEP;
    }

    /** The due-index key: sorts by time, then entity. */
    static String dueKey(long lastUpdateMs, String entityKey) {
        return String.format(java.util.Locale.ROOT, "%019d", Math.max(0, lastUpdateMs)) + SEP + entityKey;
    }

    static Serde<FactEntry> factEntrySerde() {
        return Serdes.serdeFrom((Serializer<FactEntry>) (topic, e) -> e == null ? null : write(out -> {
            Fact f = e.fact();
            out.writeBoolean(e.emitted());
            for (String s : new String[] {f.subjectId(), f.subjectName(), f.subjectType(), f.relation(), f.objectId(),
                    f.objectName(), f.objectType(), f.source(), f.language()}) {
                out.writeUTF(s);
            }
        }), (Deserializer<FactEntry>) (topic, bytes) -> bytes == null ? null : read(bytes, in -> {
            boolean emitted = in.readBoolean();
            Fact f = new Fact(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readUTF(), in.readUTF(), in.readUTF());
            return new FactEntry(f, emitted);
        }));
    }

    static Serde<EntityMeta> entityMetaSerde() {
        return Serdes.serdeFrom((Serializer<EntityMeta>) (topic, m) -> m == null ? null : write(out -> {
            out.writeLong(m.lastUpdateMs());
            out.writeInt(m.pending());
        }), (Deserializer<EntityMeta>) (topic, bytes) -> bytes == null ? null
                : read(bytes, in -> new EntityMeta(in.readLong(), in.readInt())));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode KG state", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return r.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode KG state (" + bytes.length + " bytes)", e);
        }
    }
}
