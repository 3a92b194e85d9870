package medstream.lm.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntConsumer;

/**
 * The merge loop of BPE training over unique pre-tokens ("words") with their frequencies.
 *
 * <p>Pair counts are kept for the whole corpus and updated only for the words that contain the pair
 * being merged (found through a per-pair word list), so a merge costs the size of those words, not a
 * pass over the corpus. The most frequent pair comes from a heap with lazy deletion: every changed
 * count pushes a fresh candidate, and a popped candidate whose count no longer matches is dropped.
 * Ties go to the pair whose left token's bytes, then right token's bytes, sort first (unsigned), which
 * makes training deterministic whatever the order of the input.
 */
final class PairMerger {

    /** A pair count at the time it was pushed. */
    private record Candidate(long count, int pair) {
    }

    private final int[][] words;
    private final int[] wordLength;
    private final long[] wordFrequency;
    private final int[] wordStamp;

    private final List<byte[]> tokenBytes = new ArrayList<>();
    private final PairIndex pairIds;
    private int pairCount;
    private int[] pairLeft;
    private int[] pairRight;
    private long[] count;
    private long[] countBefore;
    private int[] stamp;
    private int[][] wordsOfPair;
    private int[] wordsOfPairSize;

    private final PriorityQueue<Candidate> heap;
    private int[] touchedPairs = new int[1024];
    private int touchedSize;
    private int step;

    /**
     * @param words UTF-8 bytes of each unique pre-token (as ids 0..255); the arrays are merged in place
     * @param frequencies how often each word occurred
     */
    PairMerger(int[][] words, long[] frequencies) {
        this.words = words;
        this.wordFrequency = frequencies;
        this.wordLength = new int[words.length];
        this.wordStamp = new int[words.length];
        for (int b = 0; b < MergeTable.BYTE_TOKENS; b++) {
            tokenBytes.add(new byte[] {(byte) b});
        }
        int expectedPairs = 1 << 16;
        pairIds = new PairIndex(expectedPairs);
        pairLeft = new int[expectedPairs];
        pairRight = new int[expectedPairs];
        count = new long[expectedPairs];
        countBefore = new long[expectedPairs];
        stamp = new int[expectedPairs];
        wordsOfPair = new int[expectedPairs][];
        wordsOfPairSize = new int[expectedPairs];
        for (int w = 0; w < words.length; w++) {
            int[] word = words[w];
            wordLength[w] = word.length;
            for (int i = 0; i + 1 < word.length; i++) {
                int pair = pairId(word[i], word[i + 1]);
                count[pair] += frequencies[w];
                addWord(pair, w);
            }
        }
        heap = new PriorityQueue<>(Math.max(16, pairCount), this::compare);
        for (int pair = 0; pair < pairCount; pair++) {
            heap.add(new Candidate(count[pair], pair));
        }
    }

    /**
     * Learns up to {@code maxMerges} merges, stopping early when the best pair occurs fewer than
     * {@code minFrequency} times.
     *
     * @param progress called after every merge with the number of merges so far
     * @return the merges as {@code [lefts, rights]}
     */
    int[][] learn(int maxMerges, long minFrequency, IntConsumer progress) {
        int[] lefts = new int[maxMerges];
        int[] rights = new int[maxMerges];
        int merges = 0;
        while (merges < maxMerges && !heap.isEmpty()) {
            Candidate best = heap.poll();
            if (count[best.pair()] != best.count()) {
                continue;
            }
            if (best.count() < minFrequency) {
                break;
            }
            int pair = best.pair();
            int newId = tokenBytes.size();
            lefts[merges] = pairLeft[pair];
            rights[merges] = pairRight[pair];
            tokenBytes.add(MergeTable.concat(tokenBytes.get(pairLeft[pair]), tokenBytes.get(pairRight[pair])));
            merge(pair, newId);
            merges++;
            progress.accept(merges);
        }
        return new int[][] {Arrays.copyOf(lefts, merges), Arrays.copyOf(rights, merges)};
    }

    private void merge(int pair, int newId) {
        step++;
        touchedSize = 0;
        int left = pairLeft[pair];
        int right = pairRight[pair];
        int[] candidates = wordsOfPair[pair];
        int candidateCount = wordsOfPairSize[pair];
        for (int c = 0; c < candidateCount; c++) {
            int w = candidates[c];
            if (wordStamp[w] == step || !contains(words[w], wordLength[w], left, right)) {
                continue; // listed twice, or an earlier merge already consumed the pair in this word
            }
            wordStamp[w] = step;
            int[] word = words[w];
            long frequency = wordFrequency[w];
            // Re-counting the whole (short) word is simpler than patching neighbours and is exact
            // for overlapping cases such as "aaa" merging (a, a).
            for (int i = 0; i + 1 < wordLength[w]; i++) {
                adjust(pairId(word[i], word[i + 1]), -frequency);
            }
            int length = mergeInPlace(word, wordLength[w], left, right, newId);
            wordLength[w] = length;
            for (int i = 0; i + 1 < length; i++) {
                int p = pairId(word[i], word[i + 1]);
                adjust(p, frequency);
                if (word[i] == newId || word[i + 1] == newId) {
                    addWord(p, w);
                }
            }
        }
        count[pair] = 0;
        wordsOfPair[pair] = null;
        for (int t = 0; t < touchedSize; t++) {
            int p = touchedPairs[t];
            if (count[p] != countBefore[p] && count[p] > 0) {
                heap.add(new Candidate(count[p], p));
            }
        }
    }

    private static boolean contains(int[] word, int length, int left, int right) {
        for (int i = 0; i + 1 < length; i++) {
            if (word[i] == left && word[i + 1] == right) {
                return true;
            }
        }
        return false;
    }

    private static int mergeInPlace(int[] word, int length, int left, int right, int newId) {
        int out = 0;
        for (int i = 0; i < length; i++) {
            if (i + 1 < length && word[i] == left && word[i + 1] == right) {
                word[out++] = newId;
                i++;
            } else {
                word[out++] = word[i];
            }
        }
        return out;
    }

    private void adjust(int pair, long delta) {
        if (stamp[pair] != step) {
            stamp[pair] = step;
            countBefore[pair] = count[pair];
            if (touchedSize == touchedPairs.length) {
                touchedPairs = Arrays.copyOf(touchedPairs, touchedSize * 2);
            }
            touchedPairs[touchedSize++] = pair;
        }
        count[pair] += delta;
    }

    private int pairId(int left, int right) {
        int id = pairIds.get(left, right, -1);
        if (id >= 0) {
            return id;
        }
        id = pairCount++;
        if (id == pairLeft.length) {
            int capacity = id * 2;
            pairLeft = Arrays.copyOf(pairLeft, capacity);
            pairRight = Arrays.copyOf(pairRight, capacity);
            count = Arrays.copyOf(count, capacity);
            countBefore = Arrays.copyOf(countBefore, capacity);
            stamp = Arrays.copyOf(stamp, capacity);
            wordsOfPair = Arrays.copyOf(wordsOfPair, capacity);
            wordsOfPairSize = Arrays.copyOf(wordsOfPairSize, capacity);
        }
        pairLeft[id] = left;
        pairRight[id] = right;
        pairIds.put(left, right, id, -1);
        return id;
    }

    private void addWord(int pair, int word) {
        int[] list = wordsOfPair[pair];
        int size = wordsOfPairSize[pair];
        if (list == null) {
            list = new int[2];
        } else if (list[size - 1] == word) {
            return; // the same word adds its pairs consecutively, so this catches repeats cheaply
        } else if (size == list.length) {
            list = Arrays.copyOf(list, size * 2);
        }
        list[size] = word;
        wordsOfPair[pair] = list;
        wordsOfPairSize[pair] = size + 1;
    }

    private int compare(Candidate a, Candidate b) {
        if (a.count() != b.count()) {
            return Long.compare(b.count(), a.count());
        }
        int byLeft = Arrays.compareUnsigned(tokenBytes.get(pairLeft[a.pair()]), tokenBytes.get(pairLeft[b.pair()]));
        if (byLeft != 0) {
            return byLeft;
        }
        return Arrays.compareUnsigned(tokenBytes.get(pairRight[a.pair()]), tokenBytes.get(pairRight[b.pair()]));
    }
}
