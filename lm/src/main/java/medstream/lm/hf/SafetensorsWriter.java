package medstream.lm.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes tensors in the Hugging Face layout: {@code __metadata__} {"format": "pt"}, tensors in the given order, the
 * header padded with spaces to a multiple of 8 bytes (as the reference writer does, so data stays aligned), F32 or
 * BF16 (rounded to nearest even). {@link #writeModel} shards large models with a {@code model.safetensors.index.json}
 * whose {@code weight_map} names each tensor's file, as {@code save_pretrained} does.
 */
public final class SafetensorsWriter {

    /** The single-file name a model directory uses. */
    public static final String SINGLE = "model.safetensors";
    /** The index of a sharded model directory. */
    public static final String INDEX = "model.safetensors.index.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /**
     * Writes one file.
     *
     * @param file target (overwritten)
     * @param tensors by name, in file order
     * @param dtype F32 or BF16
     * @throws IOException when writing fails
     */
    public static void write(Path file, Map<String, HostTensor> tensors, DType dtype) throws IOException {
        if (dtype == DType.F16) {
            throw new IllegalArgumentException("writing F16 is not supported; write F32 or BF16");
        }
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            long bytes = (long) e.getValue().data().length * dtype.bytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtype.name());
            var shape = entry.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, head);
            for (HostTensor t : tensors.values()) {
                writeData(out, t.data(), dtype);
            }
        }
    }

    private static void writeData(FileChannel out, float[] data, DType dtype) throws IOException {
        int perChunk = 1 << 18;
        ByteBuffer buf = ByteBuffer.allocate(perChunk * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += perChunk) {
            buf.clear();
            int end = Math.min(data.length, start + perChunk);
            for (int i = start; i < end; i++) {
                if (dtype == DType.F32) {
                    buf.putFloat(data[i]);
                } else {
                    buf.putShort(DType.floatToBf16(data[i]));
                }
            }
            buf.flip();
            writeFully(out, buf);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    /**
     * Writes a model's tensors into a directory: {@code model.safetensors} when they fit in one shard, else
     * {@code model-0000i-of-0000n.safetensors} files of at most {@code maxShardBytes} each (a larger tensor gets a
     * shard of its own) plus {@code model.safetensors.index.json}.
     *
     * @param dir target directory (created)
     * @param tensors by name, in file order
     * @param dtype F32 or BF16
     * @param maxShardBytes most data bytes per shard
     * @return the files written, index last when sharded
     * @throws IOException when writing fails
     */
    public static List<Path> writeModel(Path dir, Map<String, HostTensor> tensors, DType dtype, long maxShardBytes)
            throws IOException {
        Files.createDirectories(dir);
        List<Map<String, HostTensor>> shards = new ArrayList<>();
        Map<String, HostTensor> current = new LinkedHashMap<>();
        long currentBytes = 0;
        long total = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            long bytes = (long) e.getValue().data().length * dtype.bytes();
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
            total += bytes;
        }
        shards.add(current);
        if (shards.size() == 1) {
            Path file = dir.resolve(SINGLE);
            write(file, current, dtype);
            return List.of(file);
        }
        List<Path> written = new ArrayList<>();
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode weightMap = index.putObject("weight_map");
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", i + 1, shards.size());
            write(dir.resolve(name), shards.get(i), dtype);
            shards.get(i).keySet().forEach(k -> weightMap.put(k, name));
            written.add(dir.resolve(name));
        }
        Path indexFile = dir.resolve(INDEX);
        Files.writeString(indexFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index),
                StandardCharsets.UTF_8);
        written.add(indexFile);
        return written;
    }
}
