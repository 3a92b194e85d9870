package medstream.lm.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes libtorch's OpenMP workers sleep instead of spin while they wait for work.
 *
 * <p>libgomp's default busy-waits between parallel regions. On our 2-core machines the model shares the
 * cores with the broker, the stream apps and the labeler, and the spinning thread burns the CPU they need
 * and that its own sibling thread needs: measured on a busy 2-core box, a training step of the small preset
 * cost 4.0-4.7 CPU seconds with spinning and 2.2-2.3 without, for the same work. libgomp reads
 * {@code OMP_WAIT_POLICY} once, when libtorch is loaded, so it is set in the process environment before
 * the engine is first touched. An explicit {@code OMP_WAIT_POLICY} is respected, and
 * {@code -Dmedstream.lm.ompPassive=false} turns this off.
 */
final class OpenMp {

    private static final Logger LOG = LoggerFactory.getLogger(OpenMp.class);
    private static boolean applied;

    private OpenMp() {}

    /** Sets OMP_WAIT_POLICY=PASSIVE once, unless configured otherwise; safe to call many times. */
    static synchronized void preferPassiveWait() {
        if (applied) {
            return;
        }
        applied = true;
        if (!Boolean.parseBoolean(System.getProperty("medstream.lm.ompPassive", "true"))
                || System.getenv("OMP_WAIT_POLICY") != null) {
            return;
        }
        try {
            CLibrary.INSTANCE.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("could not set OMP_WAIT_POLICY ({}); OpenMP keeps its default wait policy", e.toString());
        }
    }

    /** A variable as native code sees it (Java's System.getenv is a copy taken at start-up). */
    static String nativeEnv(String name) {
        return CLibrary.INSTANCE.getenv(name);
    }

    /** The C library's environment functions. */
    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }
}
