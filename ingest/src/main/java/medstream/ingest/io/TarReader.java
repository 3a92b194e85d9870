package medstream.ingest.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A minimal reader of POSIX tar archives (ustar, with pax and GNU long-name extensions), enough for
 * {@code git archive} output such as MedQuAD-xml.tar.gz: 512-byte headers, each followed by the
 * member's content padded to 512 bytes; two zero blocks end the archive. Only regular files are returned.
 * Avoids a dependency for ~100 lines of a format that has not changed since 1988.
 */
public final class TarReader implements Iterator<TarReader.Member>, AutoCloseable {
    private static final int BLOCK = 512;
    /** Members larger than this are refused: MedQuAD's biggest XML is ~100 KB. */
    private static final long MAX_MEMBER = 64L << 20;

    /**
     * One regular file of the archive.
     *
     * @param name    its path inside the archive
     * @param content its bytes
     */
    public record Member(String name, byte[] content) { }

    private final DataInputStream in;
    private Member next;
    private boolean ended;

    /** Reads from {@code in} (already gunzipped); {@link #close()} closes it. */
    public TarReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            try {
                next = readMember();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read tar archive: " + e.getMessage()
                        + " (is it a complete, uncorrupted .tar or .tar.gz?)", e);
            }
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public Member next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Member m = next;
        next = null;
        return m;
    }

    private Member readMember() throws IOException {
        String longName = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            if (!readBlock(header)) {
                return null;
            }
            if (isZero(header)) {
                return null;
            }
            verifyChecksum(header);
            String name = string(header, 0, 100);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String prefix = "ustar".equals(string(header, 257, 5)) ? string(header, 345, 155) : "";
            if (size < 0 || size > MAX_MEMBER) {
                throw new IOException("member '" + name + "' has an unreasonable size " + size);
            }
            byte[] content = new byte[(int) size];
            in.readFully(content);
            skipPadding(size);
            switch (type) {
                case 'x' -> longName = paxPath(content, longName);
                case 'L' -> longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
                case '0', '\0', '7' -> {
                    String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                    return new Member(full, content);
                }
                default -> longName = null; // directories, links, global pax headers: nothing to read
            }
        }
    }

    private boolean readBlock(byte[] block) throws IOException {
        int off = 0;
        while (off < BLOCK) {
            int n = in.read(block, off, BLOCK - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new EOFException("archive ends inside a header");
            }
            off += n;
        }
        return true;
    }

    private void skipPadding(long size) throws IOException {
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        in.readFully(new byte[(int) pad]);
    }

    /** A pax extended header: records "LEN key=value\n"; only {@code path} matters here. */
    private static String paxPath(byte[] content, String current) {
        String text = new String(content, StandardCharsets.UTF_8);
        String result = current;
        int pos = 0;
        while (pos < text.length()) {
            int space = text.indexOf(' ', pos);
            if (space < 0) {
                break;
            }
            int len = Integer.parseInt(text.substring(pos, space).trim());
            // LEN counts bytes, so cut the record from the bytes, not from the decoded chars.
            String record = new String(content, byteOffset(text, pos) + (space - pos) + 1,
                    len - (space - pos) - 2, StandardCharsets.UTF_8);
            if (record.startsWith("path=")) {
                result = record.substring("path=".length());
            }
            pos = text.indexOf('\n', space) + 1;
            if (pos == 0) {
                break;
            }
        }
        return result;
    }

    private static int byteOffset(String text, int charIndex) {
        return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static void verifyChecksum(byte[] header) throws IOException {
        long expected;
        try {
            expected = octal(header, 148, 8);
        } catch (IOException e) {
            throw new IOException("header checksum field is not an octal number: not a tar archive, or a corrupted one",
                    e);
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (sum != expected) {
            throw new IOException("header checksum mismatch (" + sum + " != " + expected + "): not a tar archive,"
                    + " or a corrupted one");
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        String s = string(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad octal number '" + s + "' in tar header", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
