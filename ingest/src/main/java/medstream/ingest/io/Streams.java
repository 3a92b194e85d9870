package medstream.ingest.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Lazy streams over iterators that own a resource, closed with the stream. */
public final class Streams {
    private Streams() { }

    /** A sequential, ordered stream of the iterator's elements that closes {@code resource} on close. */
    public static <T> Stream<T> of(Iterator<T> iterator, AutoCloseable resource) {
        Stream<T> s = StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
        return resource == null ? s : s.onClose(() -> closeQuietly(resource));
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close " + resource, e);
        }
    }

    /**
     * The streams one after the other, each opened only when the previous one is used up and closed
     * right after, so a data set of many files holds one file open at a time. Unlike
     * {@code Stream.flatMap}, consuming the result through an iterator does not buffer a whole part.
     */
    @SafeVarargs
    public static <T> Stream<T> concat(IoSupplier<Stream<T>>... parts) {
        return concat(List.of(parts));
    }

    /** As {@link #concat(IoSupplier[])}. */
    public static <T> Stream<T> concat(List<IoSupplier<Stream<T>>> parts) {
        Concatenation<T> c = new Concatenation<>(parts.iterator());
        return of(c, c);
    }

    private static final class Concatenation<T> implements Iterator<T>, AutoCloseable {
        private final Iterator<IoSupplier<Stream<T>>> parts;
        private Stream<T> current;
        private Iterator<T> it;

        Concatenation(Iterator<IoSupplier<Stream<T>>> parts) {
            this.parts = parts;
        }

        @Override
        public boolean hasNext() {
            while (it == null || !it.hasNext()) {
                close();
                if (!parts.hasNext()) {
                    return false;
                }
                try {
                    current = parts.next().get();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                it = current.iterator();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return it.next();
        }

        @Override
        public void close() {
            if (current != null) {
                Stream<T> s = current;
                current = null;
                it = null;
                s.close();
            }
        }
    }

    /** A supplier that may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoSupplier<T> {
        T get() throws IOException;
    }
}
