package medstream.cli.report.chart;

/**
 * The Okabe-Ito colours, distinguishable with the common colour-vision deficiencies; yellow comes last because it
 * is faint on white.
 */
public final class Palette {
    private static final String[] COLOURS = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"};
    /** For reference lines (majority class) and other non-data ink. */
    public static final String GREY = "#777777";

    private Palette() {}

    /** The colour of the i-th series, cycling. */
    public static String colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }
}
