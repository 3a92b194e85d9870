package medstream.lm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes generated tokens one at a time. A Chinese character or an emoji is often split across two
 * byte-level tokens; decoding each token alone would print U+FFFD and then garbage, so the bytes of an
 * unfinished character are held back until the token that completes it arrives.
 *
 * <p>For ids that came from encoding text, the concatenation of every {@link #push} and the final
 * {@link #flush} equals {@link BpeTokenizer#decode(int[])} of all ids. One instance per generated
 * sequence; not thread-safe.
 */
public final class StreamingDecoder {

    private final BpeTokenizer tokenizer;
    private final boolean skipSpecial;
    private byte[] pending = new byte[8];
    private int pendingSize;

    StreamingDecoder(BpeTokenizer tokenizer, boolean skipSpecial) {
        this.tokenizer = tokenizer;
        this.skipSpecial = skipSpecial;
    }

    /**
     * Adds one token and returns the text it completes, possibly empty.
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    public String push(int id) {
        if (tokenizer.isSpecial(id) && skipSpecial) {
            return "";
        }
        byte[] bytes = tokenizer.tokenBytes(id);
        if (pendingSize + bytes.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingSize + bytes.length));
        }
        System.arraycopy(bytes, 0, pending, pendingSize, bytes.length);
        pendingSize += bytes.length;
        int complete = completePrefix(pending, pendingSize);
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, pendingSize - complete);
        pendingSize -= complete;
        return text;
    }

    /** Returns what is still held back (an unfinished character becomes U+FFFD) and starts afresh. */
    public String flush() {
        String text = new String(pending, 0, pendingSize, StandardCharsets.UTF_8);
        pendingSize = 0;
        return text;
    }

    /** Length of the prefix that does not end inside a multi-byte UTF-8 character. */
    static int completePrefix(byte[] bytes, int size) {
        // A character has at most 4 bytes, so only the last 3 can start an unfinished one.
        for (int start = size - 1; start >= Math.max(0, size - 3); start--) {
            int b = bytes[start] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead
            }
            int needed = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 1;
            return size - start < needed ? start : size;
        }
        return size;
    }
}
