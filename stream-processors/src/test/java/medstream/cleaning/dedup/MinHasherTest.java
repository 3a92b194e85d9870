package medstream.cleaning.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import medstream.cleaning.CleaningConfig.DedupConfig;
import medstream.cleaning.SharedData;

class MinHasherTest {

    private final MinHasher hasher = new MinHasher(DedupConfig.defaults());

    /** Two shingle sets of exactly the given Jaccard similarity over a union of 1,000. */
    private static long[][] pairWithJaccard(double jaccard, SplittableRandom random) {
        int union = 1000;
        int common = (int) Math.round(jaccard * union);
        int onlyA = (union - common) / 2;
        int onlyB = union - common - onlyA;
        long[] a = new long[common + onlyA];
        long[] b = new long[common + onlyB];
        for (int i = 0; i < common; i++) {
            a[i] = b[i] = random.nextLong();
        }
        for (int i = 0; i < onlyA; i++) {
            a[common + i] = random.nextLong();
        }
        for (int i = 0; i < onlyB; i++) {
            b[common + i] = random.nextLong();
        }
        return new long[][] {a, b};
    }

    private double detectionRate(double jaccard, int pairs) {
        SplittableRandom random = new SplittableRandom(42);
        int detected = 0;
        for (int p = 0; p < pairs; p++) {
            long[][] pair = pairWithJaccard(jaccard, random);
            NearDuplicateIndex index = new NearDuplicateIndex(hasher);
            NearDuplicateIndex.InMemoryStorage storage = new NearDuplicateIndex.InMemoryStorage();
            index.checkAndAdd("first", hasher.signature(pair[0]), storage);
            if (index.checkAndAdd("second", hasher.signature(pair[1]), storage).isPresent()) {
                detected++;
            }
        }
        return detected / (double) pairs;
    }

    @Test
    void givenPairsAtKnownJaccard_whenIndexed_thenPairsAt09And08AreCaughtAnd03AreNot() {
        double at09 = detectionRate(0.9, 300);
        double at08 = detectionRate(0.8, 300);
        double at05 = detectionRate(0.5, 300);
        double at03 = detectionRate(0.3, 300);
        System.out.printf("near-dup detection rate: J=0.9 %.3f, J=0.8 %.3f, J=0.5 %.3f, J=0.3 %.3f%n", at09, at08,
                at05, at03);
        // Theory for the defaults (CleaningConfig.DedupConfig): ~1.0, ~0.997, <1e-4, 0.
        assertThat(at09).isEqualTo(1.0);
        assertThat(at08).isGreaterThanOrEqualTo(0.98);
        assertThat(at05).isLessThanOrEqualTo(0.01);
        assertThat(at03).isEqualTo(0.0);
    }

    @Test
    void givenSignatures_whenCompared_thenTheEstimateIsCloseToTheExactJaccard() {
        SplittableRandom random = new SplittableRandom(7);
        for (double j : new double[] {0.3, 0.5, 0.8, 0.9}) {
            long[][] pair = pairWithJaccard(j, random);
            double estimate = MinHasher.similarity(hasher.signature(pair[0]), hasher.signature(pair[1]));
            // Standard error sqrt(j(1-j)/128) <= 0.045; four of them is a generous bound that can still fail.
            assertThat(estimate).as("J=" + j).isBetween(j - 0.18, j + 0.18);
        }
    }

    @Test
    void givenAnAbstractAndALightlyEditedCopy_whenIndexed_thenTheCopyIsANearDuplicateOfTheFirstId() {
        List<String> abstracts = new ArrayList<>(SharedData.pubmedQaAbstracts().values()).subList(0, 50);
        NearDuplicateIndex index = new NearDuplicateIndex(hasher);
        NearDuplicateIndex.InMemoryStorage storage = new NearDuplicateIndex.InMemoryStorage();
        for (int i = 0; i < abstracts.size(); i++) {
            assertThat(index.checkAndAdd("doc-" + i, hasher.signature(abstracts.get(i), false), storage))
                    .as("distinct abstracts are not near duplicates").isEmpty();
        }
        String original = abstracts.get(17);
        String edited = "Background: " + original.replace("patients", "subjects") + " Further work is needed.";
        double exact = Shingles.jaccard(Shingles.of(original, false, 5), Shingles.of(edited, false, 5));
        Optional<NearDuplicateIndex.Match> match = index.checkAndAdd("copy", hasher.signature(edited, false), storage);
        if (exact >= 0.8) {
            assertThat(match).map(NearDuplicateIndex.Match::documentId).contains("doc-17");
        }
        assertThat(exact).as("the edit keeps the copy above 0.8").isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void givenChineseTextAndAnEditedCopy_whenSigned_thenCharacterShinglesMakeThemNearDuplicates() {
        String a = "患者男性,49岁,3小时前解大便后出现右下腹疼痛,右下腹可触及一包块,既往体健。体格检查:体温37.8度,腹软,未见胃肠型蠕动波,"
                + "肝脾肋下未及,于右侧腹股沟区可扪及一圆形肿块,约4cm大小,有压痛,界欠清。";
        String b = a.replace("49岁", "52岁").replace("体健", "健康");
        assertThat(MinHasher.similarity(hasher.signature(a, true), hasher.signature(b, true))).isGreaterThan(0.7);
        assertThat(MinHasher.similarity(hasher.signature(a, true), hasher.signature("高血压是常见慢性病,需要长期规律服药并监测血压。", true)))
                .isLessThan(0.2);
    }

    @Test
    void givenRealDocuments_whenSigned_thenSignaturesAreThoseOfTheDefinitionOverTheShingleSet() {
        // Signatures are persisted: the unrolled loop over unsorted shingles must give exactly the minimum of
        // a_i * x + b_i over the distinct shingle set, with the coefficients drawn from the persisted seed.
        SplittableRandom coefficients = new SplittableRandom(MinHasher.SEED);
        long[] a = new long[128];
        long[] b = new long[128];
        for (int i = 0; i < a.length; i++) {
            a[i] = coefficients.nextLong() | 1L;
            b[i] = coefficients.nextLong();
        }
        List<String> texts = new ArrayList<>(SharedData.pubmedQaAbstracts().values()).subList(0, 300);
        List<String> chinese = SharedData.cmbClinCases();
        int signed = 0;
        for (String text : texts) {
            assertThat(hasher.signature(text, false)).isEqualTo(definition(Shingles.of(text, false, 5), a, b));
            signed++;
        }
        for (String text : chinese) {
            assertThat(hasher.signature(text, true)).isEqualTo(definition(Shingles.of(text, true, 5), a, b));
            signed++;
        }
        assertThat(hasher.signature("", false)).containsOnly(Long.MAX_VALUE);
        assertThat(signed).isEqualTo(300 + chinese.size());
    }

    private static long[] definition(long[] shingleSet, long[] a, long[] b) {
        long[] sig = new long[a.length];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        for (long x : shingleSet) {
            for (int i = 0; i < sig.length; i++) {
                sig[i] = Math.min(sig[i], a[i] * x + b[i]);
            }
        }
        return sig;
    }

    @Test
    void givenTheSameText_whenHashedByTwoHashers_thenSignaturesAndBandKeysAreIdentical() {
        // Band keys are persisted in state stores: they must not change across instances or restarts.
        MinHasher other = new MinHasher(DedupConfig.defaults());
        String text = "The quick brown fox jumps over the lazy dog near the river bank today.";
        assertThat(other.bandKeys(other.signature(text, false))).isEqualTo(hasher.bandKeys(hasher.signature(text, false)));
        assertThat(hasher.bandKeys(hasher.signature(text, false))).hasSize(32);
    }

    @Test
    void givenASignatureStoredTruncated_whenRestored_thenItsBandKeysAndSimilarityAreThoseOfTheOriginal() {
        long[] signature = hasher.signature("Aspirin irreversibly inhibits cyclooxygenase in platelets for their "
                + "whole lifespan of about ten days.", false);
        long[] restored = MinHasher.untruncate(MinHasher.truncate(signature));
        assertThat(restored).isNotEqualTo(signature);
        assertThat(hasher.bandKeys(restored)).isEqualTo(hasher.bandKeys(signature));
        assertThat(MinHasher.similarity(restored, signature)).isEqualTo(1.0);
    }

    @Test
    void givenTextsThatDifferInCaseAndSpacing_whenContentHashed_thenHashesAreEqual() {
        assertThat(Hashing.contentHash("The  Patient\nwas seen.")).isEqualTo(Hashing.contentHash("the patient was seen."))
                .hasSize(64);
        assertThat(Hashing.contentHash("the patient was seen")).isNotEqualTo(Hashing.contentHash("the patient was seen."));
    }
}
