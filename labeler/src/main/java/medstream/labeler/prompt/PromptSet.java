package medstream.labeler.prompt;

import java.util.Collection;
import java.util.TreeMap;

/** The templates a strategy uses, and the hash that results record as {@code promptTemplateHash}. */
public final class PromptSet {
    /** Hex characters of the SHA-256 kept in results. */
    public static final int HASH_PREFIX = 16;

    private PromptSet() {}

    /**
     * The first {@value #HASH_PREFIX} hex characters of the SHA-256 over the templates' ids and texts,
     * independent of their order: changing any template, or which templates are used, changes it.
     */
    public static String hash(Collection<PromptTemplate> templates) {
        TreeMap<String, String> byId = new TreeMap<>();
        for (PromptTemplate t : templates) byId.put(t.id(), t.sha256());
        StringBuilder sb = new StringBuilder();
        byId.forEach((id, sha) -> sb.append(id).append('=').append(sha).append('\n'));
        return PromptTemplate.sha256(sb.toString()).substring(0, HASH_PREFIX);
    }
}
