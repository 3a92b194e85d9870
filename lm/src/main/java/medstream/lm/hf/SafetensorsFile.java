package medstream.lm.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One safetensors file, read lazily: the header (8-byte little-endian length, then JSON) is parsed on open, and
 * each tensor is memory-mapped on demand ({@link FileChannel#map} of its own region, in chunks below 2 GiB), so
 * offsets beyond 2 GiB and multi-gigabyte files work and only the tensors asked for are touched.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Bytes mapped at once; a multiple of every element size. */
    static final long CHUNK = 1L << 30;
    /** A header larger than this is not a safetensors file (the reference implementation caps at 100 MB). */
    private static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Opens a file and parses its header.
     *
     * @param file a {@code .safetensors} file
     * @return the open file; close it when done
     * @throws IOException when it cannot be read or its header is malformed (the message names the file)
     */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 8 || channel.read(lengthBytes, 0) != 8) {
                throw new IOException(file + " is shorter than a safetensors header (" + size + " bytes)");
            }
            long headerLength = lengthBytes.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new IOException(file + ": header length " + headerLength + " does not fit the " + size
                        + "-byte file; it is not a safetensors file or it is truncated");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            channel.read(header, 8);
            JsonNode root = new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if ("__metadata__".equals(e.getKey())) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                TensorInfo info = parseEntry(e.getKey(), e.getValue(), file);
                info.validate(size - dataStart, file);
                tensors.put(e.getKey(), info);
            }
            return new SafetensorsFile(file, channel, dataStart, Collections.unmodifiableMap(tensors),
                    Collections.unmodifiableMap(metadata));
        } catch (IllegalArgumentException e) {
            channel.close();
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static TensorInfo parseEntry(String name, JsonNode node, Path file) {
        JsonNode shape = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!shape.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IllegalArgumentException(file + ": tensor '" + name
                    + "' lacks a shape array or a data_offsets pair; the header is not safetensors");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong();
        }
        DType dtype = DType.parse(node.path("dtype").asText(), name, file);
        return new TensorInfo(name, dtype, dims, offsets.get(0).asLong(), offsets.get(1).asLong());
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /** Tensor entries by name, in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} strings (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Absolute file position of a tensor's first byte. */
    long position(TensorInfo info) {
        return dataStart + info.begin();
    }

    /**
     * Reads one tensor as floats (BF16 and F16 widened exactly).
     *
     * @param name the key
     * @return the tensor
     * @throws IOException when mapping fails
     */
    public HostTensor read(String name) throws IOException {
        return read(name, CHUNK);
    }

    /** Reads a tensor mapping at most {@code chunk} bytes at a time (a multiple of the element size). */
    HostTensor read(String name, long chunk) throws IOException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException(file + " has no tensor '" + name + "'; it holds " + tensors.size()
                    + " tensors, e.g. " + tensors.keySet().stream().limit(5).toList());
        }
        long elements = info.elements();
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' has " + elements
                    + " elements, more than a Java array holds");
        }
        float[] out = new float[(int) elements];
        int bytes = info.dtype().bytes();
        long start = position(info);
        long total = info.end() - info.begin();
        for (long done = 0; done < total; done += chunk) {
            long length = Math.min(chunk, total - done);
            ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, start + done, length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            info.dtype().read(map, out, (int) (done / bytes), (int) (length / bytes));
        }
        return new HostTensor(info.shape().clone(), out);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
