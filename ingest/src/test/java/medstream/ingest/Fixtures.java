package medstream.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes small hand-made fixture files in the shape of the real data sets. */
public final class Fixtures {
    private Fixtures() { }

    /** Writes lines joined by {@code \n} (and a final newline) as UTF-8. */
    public static Path write(Path dir, String name, String... lines) throws IOException {
        return writeWithEol(dir, name, "\n", lines);
    }

    /** Writes lines joined by {@code eol} (and a final one) as UTF-8; gzipped when the name ends in .gz. */
    public static Path writeWithEol(Path dir, String name, String eol, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        byte[] bytes = (String.join(eol, lines) + eol).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    /**
     * A ustar archive, as {@code git archive} writes it: a pax global header first, then one member per
     * entry; a name longer than 100 bytes gets a pax {@code path} record like tar does.
     */
    public static byte[] tar(Map<String, String> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] global = "52 comment=0123456789abcdef0123456789abcdef01234567\n".getBytes(StandardCharsets.UTF_8);
        writeMember(out, "pax_global_header", 'g', global);
        for (Map.Entry<String, String> m : members.entrySet()) {
            byte[] content = m.getValue().getBytes(StandardCharsets.UTF_8);
            String name = m.getKey();
            if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                String rec = "path=" + name + "\n";
                int len = rec.length() + 4;
                String record = len + " " + rec;
                if (record.length() != len) {
                    record = (len + 1) + " " + rec;
                }
                writeMember(out, "PaxHeaders/x", 'x', record.getBytes(StandardCharsets.UTF_8));
                name = name.substring(name.length() - 90);
            }
            writeMember(out, name, '0', content);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    /** Gzips bytes into a file. */
    public static Path gzip(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(bytes);
        }
        return file;
    }

    private static void writeMember(ByteArrayOutputStream out, String name, char type, byte[] content) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000664");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        out.write(h, 0, 512);
        out.write(content, 0, content.length);
        int pad = (512 - content.length % 512) % 512;
        out.write(new byte[pad], 0, pad);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
