package medstream.lm.tokenizer.hf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * GPT-2's byte-to-unicode table ({@code bytes_to_unicode} in GPT-2's encoder.py, {@code ByteLevel} in Hugging
 * Face tokenizers): every byte gets a printable character, so a byte-level vocabulary can be written as strings.
 * The printable bytes {@code !..~}, {@code ¡..¬} and {@code ®..ÿ} stand for themselves; the other 68 bytes (controls,
 * space, 0x7F..0xA0, 0xAD) get U+0100 onwards in byte order, which is why a space shows as {@code Ġ} (U+0120).
 */
final class ByteLevel {

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x100 + 68];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        }
        int next = 0x100;
        for (int b = 0; b < 256; b++) {
            char c = printable[b] ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The characters standing for the UTF-8 bytes of {@code text}, one per byte. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** The character standing for one byte. */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /**
     * Appends the bytes a token stands for. As Hugging Face's ByteLevel decoder does, a token with a character
     * outside the table (e.g. an added token with a real space) is taken as its own UTF-8 text.
     */
    static void decodeInto(String token, ByteArrayOutputStream out) {
        byte[] mapped = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                return;
            }
            mapped[i] = (byte) b;
        }
        out.writeBytes(mapped);
    }
}
