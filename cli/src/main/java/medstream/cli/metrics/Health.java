package medstream.cli.metrics;

import java.util.Locale;

/**
 * What one service says about itself: live unless it failed, ready once it has caught up with its input.
 *
 * @param live   false once the service failed (an orchestrator should restart it)
 * @param ready  true once the service is running and has caught up (its consumer lag at or below the threshold)
 * @param state  {@code starting}, {@code catching-up}, {@code ready} or {@code failed}
 * @param detail why, for a person: the Streams state, the lag, or the failure's cause
 */
public record Health(boolean live, boolean ready, String state, String detail) {
    /** Started but not yet consuming (a Streams app rebalancing, a service provisioning). */
    public static Health starting(String detail) { return new Health(true, false, "starting", detail); }

    /** Running, behind its input by {@code lag} records. */
    public static Health catchingUp(long lag) { return new Health(true, false, "catching-up", "consumer lag " + lag); }

    /** Running and caught up. */
    public static Health ready(String detail) { return new Health(true, true, "ready", detail); }

    /** Failed; the process should be restarted. */
    public static Health failed(String cause) { return new Health(false, false, "failed", cause); }

    /** Stopped on request: alive (it did not fail) but no longer consuming. */
    public static Health stopped() { return new Health(true, false, "stopped", "stop requested"); }

    /** {@code {"state":"...","detail":"..."}}. */
    String json() {
        return String.format(Locale.ROOT, "{\"state\":\"%s\",\"detail\":\"%s\"}", escape(state), escape(detail));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : String.valueOf(s).toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
