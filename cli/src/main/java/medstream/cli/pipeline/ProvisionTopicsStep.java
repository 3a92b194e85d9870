package medstream.cli.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import medstream.cli.CliSettings;
import medstream.topics.admin.ProvisioningReport;
import medstream.topics.admin.TopicProvisioner;

/**
 * Creates the catalog's missing topics and reports drift. Summary section {@code provisioning}:
 * {@code created} (names), {@code unchanged} (count), {@code mismatches} (list of
 * {@code {topic, setting, expected, actual}}).
 */
public final class ProvisionTopicsStep implements PipelineStep {
    @Override
    public String name() { return "provision"; }

    @Override
    public void run(RunContext ctx) {
        short rf = ctx.settings().get(CliSettings.REPLICATION_FACTOR).shortValue();
        ProvisioningReport report = TopicProvisioner.provision(ctx.clientConfig(), rf, ctx.catalog().all());
        ctx.out().println("    " + report.summary());
        for (ProvisioningReport.Mismatch m : report.mismatches()) ctx.out().println("    WARNING " + m);

        Map<String, Object> section = ctx.summary().section("provisioning");
        section.put("created", report.created());
        section.put("unchanged", report.unchanged().size());
        section.put("mismatches", report.mismatches().stream().map(m -> {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("topic", m.topic());
            e.put("setting", m.setting());
            e.put("expected", m.expected());
            e.put("actual", m.actual());
            return e;
        }).toList());
    }
}
