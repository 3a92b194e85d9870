package medstream.cli.report.browser;

import java.util.List;

/**
 * What a real browser made of the report.
 *
 * @param problems      console errors, uncaught exceptions, error log entries, missing sections and charts without marks;
 *                      empty when the page is fine
 * @param charts        how many {@code svg[data-chart]} the page has
 * @param screenshotPng the whole page as a PNG
 */
public record PageCheck(List<String> problems, int charts, byte[] screenshotPng) {
}
