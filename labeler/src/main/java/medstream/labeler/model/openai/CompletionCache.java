package medstream.labeler.model.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful completion answers by key, so a batch that is read again (an aborted transaction, a restart after a
 * crash) re-uses what the server already answered instead of paying for it twice. The key is the SHA-256 of the model
 * name, the prompt and the other request parameters: any change of one is another key. On disk one file per key,
 * {@code <dir>/<first two hex digits>/<key>.json} holding the server's answer, written to a temporary file and moved
 * into place so a crash never leaves half an answer; readable and deletable by hand.
 *
 * <p>Thread-safe. Only deterministic requests should be cached: greedy ones, or sampled ones whose seed is part of the key.
 */
public final class CompletionCache {
    private final Path dir;
    private final Map<String, String> memory = new ConcurrentHashMap<>();

    /** @param dir the cache directory (created when missing), or null to keep answers in memory only */
    public CompletionCache(Path dir) {
        this.dir = dir;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the completion cache directory " + dir + ": " + e.getMessage()
                        + "; set " + OpenAiConfig.CACHE_DIR.key() + " to a writable directory, or empty for memory only", e);
            }
        }
    }

    /** The key of a request: SHA-256 over the model, the prompt and the canonical JSON of the other parameters. */
    public static String key(String model, String prompt, String parameters) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {model, prompt, parameters}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
                sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The cached answer of {@code key}, from memory or disk. */
    public Optional<String> get(String key) {
        String hit = memory.get(key);
        if (hit != null || dir == null) return Optional.ofNullable(hit);
        Path file = file(key);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            String body = Files.readString(file, StandardCharsets.UTF_8);
            memory.put(key, body);
            return Optional.of(body);
        } catch (IOException e) {
            return Optional.empty(); // An unreadable entry is a miss: the request is simply made again.
        }
    }

    /** Keeps a successful answer. */
    public void put(String key, String body) {
        memory.put(key, body);
        if (dir == null) return;
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), key, ".tmp");
            Files.writeString(tmp, body, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the completion cache entry " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
