package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the two differential REST test classes share: the per-worker placeholder values, the run of
 * {@link RestDifferentialSteps#all()} against both workers, the report file and the assertion.
 */
final class RestDifferential {

    private RestDifferential() {
    }

    /**
     * A worker's values for the steps' placeholders: connector and topic names carry the worker's
     * label and the mode (the two workers share a broker, and the topic names must not meet those of
     * the other mode's run), files live in {@code dir}, which gets the source's input file here.
     */
    static DifferentialTarget target(String label, DeliberateDifferences.Mode mode, int port, Path dir,
                                     Supplier<String> logTail) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("in.txt"), RestDifferentialSteps.INPUT);
        String prefix = "diff-" + mode.name().toLowerCase(Locale.ROOT) + "-" + label + "-";
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : RestDifferentialSteps.PLACEHOLDERS) {
            values.put(name, prefix + name);
        }
        values.put("dir", dir.toString());
        return new DifferentialTarget(label, port, values, logTail);
    }

    /** The topic the steps' {@code ${topic}} means on {@code target}. */
    static String topic(DifferentialTarget target) {
        return target.fill("${topic}");
    }

    /**
     * Runs every step against both workers and fails listing each difference that
     * {@link DeliberateDifferences} does not explain; the full account (with every answer) is written
     * to {@code target/rest-differential-<mode>.txt} either way.
     */
    static void assertSameAnswers(DeliberateDifferences.Mode mode, DifferentialTarget apache, DifferentialTarget ferry)
            throws IOException {
        DifferentialRun run = new DifferentialRun(mode, apache, ferry);
        Path report = Path.of("target", "rest-differential-" + mode.name().toLowerCase(Locale.ROOT) + ".txt");
        try {
            run.run(RestDifferentialSteps.all());
        } finally {
            run.writeReport(report);
        }
        StringBuilder listed = new StringBuilder();
        run.unexplained().forEach(d -> listed.append("\n  ").append(d));
        assertThat(run.unexplained())
                .as("Ferry's REST answers that differ from Apache's (%s mode) and are not listed as deliberate in "
                        + "DeliberateDifferences (and docs/REST.md); full account in %s:%s", mode,
                        report.toAbsolutePath(), listed)
                .isEmpty();
    }
}
