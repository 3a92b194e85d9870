package medstream.lm.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing safetensors files and sharded model directories. */
class SafetensorsTest {

    @TempDir
    Path dir;

    private static Map<String, HostTensor> sample() {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("model.embed_tokens.weight",
                new HostTensor(new long[] {3, 2}, new float[] {1, -2, 3.5f, 0, 1e-8f, -7}));
        tensors.put("model.norm.weight", new HostTensor(new long[] {2}, new float[] {0.25f, 1}));
        tensors.put("scalar", new HostTensor(new long[] {}, new float[] {42}));
        return tensors;
    }

    @Test
    void givenF32Tensors_whenWrittenAndReadBack_thenValuesShapesAndMetadataAreIdentical() throws IOException {
        Path file = dir.resolve("a.safetensors");
        SafetensorsWriter.write(file, sample(), DType.F32);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.metadata()).containsEntry("format", "pt");
            assertThat(read.tensors().keySet()).containsExactlyElementsOf(sample().keySet());
            for (Map.Entry<String, HostTensor> e : sample().entrySet()) {
                assertThat(read.read(e.getKey())).isEqualTo(e.getValue());
            }
        }
        // the header length is a multiple of 8, so the data is aligned as the reference writer leaves it
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(head.getLong() % 8).isZero();
    }

    @Test
    void givenBf16Output_whenReadBack_thenEachValueIsTheNearestBf16() throws IOException {
        Path file = dir.resolve("b.safetensors");
        float[] values = {1f, 1.00390625f, 1.005859375f, -3.14159f, 65504f, 1e-30f};
        SafetensorsWriter.write(file, Map.of("w", new HostTensor(new long[] {6}, values)), DType.BF16);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.tensors().get("w").dtype()).isEqualTo(DType.BF16);
            float[] back = read.read("w").data();
            // 1 + 2^-8 is a tie between 1 and 1 + 2^-7: to even (1); 1 + 1.5 * 2^-8 rounds up to 1 + 2^-7
            assertThat(back[0]).isEqualTo(1f);
            assertThat(back[1]).isEqualTo(1f);
            assertThat(back[2]).isEqualTo(1.0078125f);
            assertThat(back[3]).isEqualTo(-3.140625f);
            assertThat(back[4]).isEqualTo(65536f);
            for (int i = 0; i < values.length; i++) {
                assertThat(Math.abs(back[i] - values[i])).isLessThanOrEqualTo(Math.abs(values[i]) / 256);
            }
        }
    }

    @Test
    void givenKnownHalfAndBfloatBitPatterns_whenWidened_thenTheFloatsAreExact() {
        assertThat(DType.bf16ToFloat((short) 0x3F80)).isEqualTo(1f);
        assertThat(DType.bf16ToFloat((short) 0xC049)).isEqualTo(-3.140625f);
        assertThat(DType.bf16ToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(DType.f16ToFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(DType.f16ToFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(DType.f16ToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(DType.f16ToFloat((short) 0x0001)).isEqualTo(0x1p-24f); // smallest subnormal
        assertThat(DType.f16ToFloat((short) 0x03FF)).isEqualTo(1023 * 0x1p-24f); // largest subnormal
        assertThat(DType.f16ToFloat((short) 0x0400)).isEqualTo(0x1p-14f); // smallest normal
        assertThat(DType.f16ToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(DType.f16ToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(DType.f16ToFloat((short) 0x7E00)).isNaN();
        assertThat(Float.floatToRawIntBits(DType.f16ToFloat((short) 0x8000))).isEqualTo(0x80000000);
        assertThat(DType.floatToBf16(Float.NaN) & 0x7FFF).isGreaterThan(0x7F80);
    }

    @Test
    void givenAnF16FileWrittenByHand_whenRead_thenHalvesAreWidened() throws IOException {
        Path file = handWritten("h.safetensors", "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 0,
                new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0});
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.read("h").data()).containsExactly(1f, -2f);
        }
    }

    @Test
    void givenATensorBeyondTwoGibibytes_whenRead_thenTheLongOffsetIsMappedCorrectly() throws IOException {
        long far = 3L << 30; // 3 GiB: past every int offset; the file is sparse, so nothing is really written
        String header = "{\"near\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"far\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[" + far + "," + (far + 4) + "]}}";
        Path file = handWritten("big.safetensors", header, far, new byte[] {(byte) 0x80, 0x3F, 0x49, (byte) 0xC0});
        assertThat(Files.size(file)).isGreaterThan(far);
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.position(read.tensors().get("far"))).isGreaterThan(Integer.MAX_VALUE);
            assertThat(read.read("far").data()).containsExactly(1f, -3.140625f);
            assertThat(read.read("near").data()).containsExactly(0f);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void givenTensorsMappedInSmallChunks_whenRead_thenTheChunksJoinIntoTheSameValues() throws IOException {
        Path file = dir.resolve("c.safetensors");
        float[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Map<String, HostTensor> tensors = Map.of("w", new HostTensor(new long[] {11}, values));
        SafetensorsWriter.write(file, tensors, DType.F32);
        Path half = dir.resolve("h.safetensors");
        SafetensorsWriter.write(half, tensors, DType.BF16);
        try (SafetensorsFile f32 = SafetensorsFile.open(file); SafetensorsFile bf16 = SafetensorsFile.open(half)) {
            // 44 bytes as 8 + 8 + 8 + 8 + 8 + 4; 22 bytes as 6 + 6 + 6 + 4
            assertThat(f32.read("w", 8).data()).containsExactly(values);
            assertThat(bf16.read("w", 6).data()).containsExactly(values);
        }
    }

    @Test
    void givenATruncatedFile_whenOpened_thenTheErrorNamesTheTensorAndTheFix() throws IOException {
        Path file = handWritten("t.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 0,
                new byte[8]);
        assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("'w'").hasMessageContaining("truncated");
    }

    @Test
    void givenASmallShardLimit_whenAModelIsWritten_thenAnIndexMapsEveryTensorToItsShardAndAllReadBack()
            throws IOException {
        List<Path> written = SafetensorsWriter.writeModel(dir, sample(), DType.F32, 10);
        assertThat(written).hasSize(4).last().isEqualTo(dir.resolve(SafetensorsWriter.INDEX));
        assertThat(written.get(0).getFileName().toString()).isEqualTo("model-00001-of-00003.safetensors");
        assertThat(Files.readString(dir.resolve(SafetensorsWriter.INDEX), StandardCharsets.UTF_8))
                .contains("\"total_size\" : 36").contains("\"scalar\" : \"model-00003-of-00003.safetensors\"");
        try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
            assertThat(weights.names()).containsExactlyElementsOf(sample().keySet());
            for (Map.Entry<String, HostTensor> e : sample().entrySet()) {
                assertThat(weights.read(e.getKey())).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void givenWeightsThatDifferFromTheModel_whenChecked_thenBothMissingAndUnexpectedKeysAreListed()
            throws IOException {
        SafetensorsWriter.writeModel(dir, sample(), DType.F32, Long.MAX_VALUE);
        assertThat(dir.resolve(SafetensorsWriter.SINGLE)).exists();
        try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
            weights.requireExactly(sample().keySet(), Set.of(), "itself");
            assertThatThrownBy(() -> weights.requireExactly(
                    List.of("model.embed_tokens.weight", "model.norm.weight", "lm_head.weight"), Set.of(), "a test"))
                    .hasMessageContaining("missing 1 keys [lm_head.weight]")
                    .hasMessageContaining("unexpected 1 keys [scalar]")
                    .hasMessageContaining("tie_word_embeddings");
            weights.requireExactly(List.of("model.embed_tokens.weight", "model.norm.weight"), Set.of("scalar"), "x");
        }
    }

    @Test
    void givenADirectoryWithoutWeights_whenOpened_thenTheErrorSaysWhichFilesAreNeeded() {
        assertThatThrownBy(() -> SafetensorsWeights.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining(".bin");
    }

    /** A file with the given header and {@code data} at data offset {@code at}, sparse in between. */
    private Path handWritten(String name, String header, long at, byte[] data) throws IOException {
        Path file = dir.resolve(name);
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
            raf.write(len.array());
            raf.write(json);
            raf.seek(8 + json.length + at);
            raf.write(data);
        }
        return file;
    }
}
