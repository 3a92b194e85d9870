package medstream.topics.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** A compatibility level applied with Avro's own {@link SchemaCompatibility}: one message per incompatibility. */
final class CompatibilityCheck {
    private CompatibilityCheck() {}

    /**
     * What keeps {@code candidate} from being compatible with each earlier schema under {@code level}; empty when it is.
     *
     * @param earlier the schemas to check against, by global id, in version order (the caller picks the latest only
     *                or all of them, as the level is transitive or not)
     */
    static List<String> problems(CompatibilityLevel level, Schema candidate, Map<Integer, Schema> earlier) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE) return problems;
        earlier.forEach((id, existing) -> {
            if (level.checksBackward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing),
                        "new schema cannot read data written with schema id " + id));
            }
            if (level.checksForward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate),
                        "schema id " + id + " cannot read data written with the new schema"));
            }
        });
        return problems;
    }

    private static List<String> describe(SchemaPairCompatibility result, String what) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) return List.of();
        List<String> out = new ArrayList<>();
        for (Incompatibility i : result.getResult().getIncompatibilities()) {
            out.add(what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")");
        }
        return out;
    }
}
