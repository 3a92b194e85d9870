package medstream.ingest.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Finding and opening the files of a data set. An adapter is given either the data set's directory or
 * one of its files; these helpers let it read "all of its files" in the first case and "just that file"
 * in the second, with companion files (folds, node names) taken from the same directory.
 */
public final class DataFiles {
    private DataFiles() { }

    /** The data set directory: the path itself when it is a directory, else the directory holding it. */
    public static Path directoryOf(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }

    /**
     * Whether the adapter should read {@code name}: the whole data set was asked for (a directory, where
     * the file must then be present: see {@link #require}), or that very file.
     */
    public static boolean wants(Path path, String name) {
        Path abs = path.toAbsolutePath().normalize();
        return Files.isDirectory(abs) || abs.getFileName().toString().equals(name);
    }

    /** The exception for a file path that is none of the files an adapter knows. */
    public static IOException unknownFile(Path path, String dataSet, String... known) {
        return new NoSuchFileException(path.toString(), null, "the " + dataSet + " adapter reads "
                + String.join(", ", known) + " (or their directory); this file is none of them");
    }

    /**
     * A file of the data set that must be there.
     *
     * @throws NoSuchFileException naming the file and what the directory should hold
     */
    public static Path require(Path directory, String name, String dataSet) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the " + dataSet + " adapter needs " + name
                    + " in " + directory + "; point --source " + dataSet + " at the data set directory "
                    + "(e.g. ../shared/data/" + dataSet + ")");
        }
        return file;
    }

    /**
     * The one file of a single-file data set: {@code path} is its directory or that file. Checks that the path
     * exists, that a file path names {@code name}, and that the file is there, each with a message that says
     * what to pass instead.
     */
    public static Path onlyFile(Path path, String name, String dataSet) throws IOException {
        requireExists(path, dataSet);
        if (!wants(path, name)) {
            throw unknownFile(path, dataSet, name);
        }
        return require(directoryOf(path), name, dataSet);
    }

    /** A sub-directory of the data set that must be there. */
    public static Path requireDirectory(Path directory, String name, String dataSet) throws IOException {
        Path sub = directory.resolve(name);
        if (!Files.isDirectory(sub)) {
            throw new NoSuchFileException(sub.toString(), null, "the " + dataSet + " adapter needs the directory "
                    + name + " in " + directory + "; point --source " + dataSet + " at the data set directory");
        }
        return sub;
    }

    /** Checks that the path exists at all, with a message that says what to pass instead. */
    public static void requireExists(Path path, String dataSet) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory; pass the " + dataSet
                    + " data set directory, e.g. ../shared/data/" + dataSet);
        }
    }

    /**
     * The name recorded in dead letters and metadata: the data set directory's name and the path below
     * it, with {@code /} separators, e.g. {@code mmlu-medical/dev/anatomy_dev.csv}.
     */
    public static String relativeName(Path directory, Path file) {
        Path dir = directory.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        String below = f.startsWith(dir) ? dir.relativize(f).toString() : f.getFileName().toString();
        String dirName = dir.getFileName() == null ? "" : dir.getFileName() + "/";
        return (dirName + below).replace('\\', '/');
    }

    /**
     * What {@link #openText} puts in place of bytes that are not UTF-8: U+FDD0, a Unicode noncharacter ("for internal
     * use"), which no text exchanged between systems should hold.
     */
    public static final char NOT_UTF8 = '\uFDD0';

    /** Opens a file as UTF-8 text, gunzipping {@code .gz} files. */
    public static BufferedReader openText(Path file) throws IOException {
        // A byte sequence that is not UTF-8 decodes to NOT_UTF8 instead of U+FFFD, so Guard can tell it from a
        // replacement character the data really holds and dead-letter the entry instead of producing mojibake;
        // failing the decode would end the whole file at the first bad byte.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_UTF8));
        return new BufferedReader(new InputStreamReader(openBytes(file), decoder), 1 << 16);
    }

    /** Opens a file's bytes, gunzipping {@code .gz} files. */
    public static InputStream openBytes(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException e) {
            in.close();
            throw new IOException("Cannot read " + file + " as gzip: " + e.getMessage()
                    + "; is it really compressed? Rename it without .gz if not.", e);
        }
    }
}
