package medstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import medstream.cli.report.RunReport;
import medstream.cli.report.browser.HeadlessChromium;
import medstream.cli.report.browser.PageCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./medstream report <out>}: writes {@code <out>/report.html} again from {@code summary.json}, the checkpoints
 * and {@code labels.jsonl}; with {@code --screenshot} also renders it in headless Chromium, checks it and saves a
 * full-page PNG (how the README's picture of a full run is made).
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes <out>/report.html (the run report: data card, training, labeling, the run) from <out>/summary.json, "
                + "the checkpoints and labels.jsonl.",
                "With --screenshot FILE, opens it in headless Chromium (/usr/bin/chromium or --chromium), fails on a console error "
                + "or an empty chart, and saves a full-page PNG."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "Output folder of a ./medstream local run (holds summary.json).")
    Path out;

    @Option(names = "--screenshot", paramLabel = "FILE", description = "Also render the report in headless Chromium and save a full-page PNG here.")
    Path screenshot;

    @Option(names = "--chromium", paramLabel = "PATH", description = "Chromium binary (default: /usr/bin/chromium).")
    Path chromium = HeadlessChromium.DEFAULT_BINARY;

    @Override
    public Integer call() throws Exception {
        Path dir = out.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            throw new IllegalArgumentException("No summary.json in " + dir + ": give the --out folder of a ./medstream local run");
        }
        Path file = RunReport.write(dir);
        System.out.println("Report: " + file);
        if (screenshot == null) return 0;
        if (!Files.isExecutable(chromium)) {
            throw new IllegalArgumentException("No Chromium at " + chromium + ": install it (apt-get install chromium) or pass --chromium PATH");
        }
        try (HeadlessChromium browser = HeadlessChromium.start(chromium)) {
            PageCheck check = browser.check(file, RunReport.sectionIds());
            Path parent = screenshot.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(screenshot, check.screenshotPng());
            System.out.println("Screenshot: " + screenshot.toAbsolutePath() + " (" + check.charts() + " charts)");
            check.problems().forEach(p -> System.out.println("PROBLEM: " + p));
            return check.problems().isEmpty() ? 0 : 1;
        }
    }
}
