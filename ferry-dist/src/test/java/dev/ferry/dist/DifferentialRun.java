package dev.ferry.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the differential REST suite's steps against Apache's worker and Ferry's, one step on both
 * before the next, and collects every difference the {@link ResponseComparator} finds, sorted into
 * those {@link DeliberateDifferences} explains and those it does not.
 */
final class DifferentialRun {
    private final DeliberateDifferences.Mode mode;
    private final DifferentialTarget apache;
    private final DifferentialTarget ferry;
    private final List<String> explained = new ArrayList<>();
    private final List<ResponseComparator.Difference> unexplained = new ArrayList<>();
    private final Set<DeliberateDifferences.Entry> used = new LinkedHashSet<>();
    private final StringBuilder transcript = new StringBuilder();

    DifferentialRun(DeliberateDifferences.Mode mode, DifferentialTarget apache, DifferentialTarget ferry) {
        this.mode = mode;
        this.apache = apache;
        this.ferry = ferry;
    }

    /** Runs every step in order; a wait that times out fails at once, differences are collected. */
    DifferentialRun run(List<DifferentialStep> steps) {
        for (DifferentialStep step : steps) {
            if (step.isWait()) {
                apache.await(step);
                ferry.await(step);
                continue;
            }
            RestAnswer a = apache.send(step);
            RestAnswer f = ferry.send(step);
            transcript.append("### ").append(step).append('\n')
                    .append("Apache ").append(a.status()).append(' ').append(a.body()).append('\n')
                    .append("Ferry  ").append(f.status()).append(' ').append(f.body()).append('\n');
            for (ResponseComparator.Difference d : ResponseComparator.compare(step, a, f)) {
                Optional<DeliberateDifferences.Entry> entry = DeliberateDifferences.explain(mode, d);
                if (entry.isPresent()) {
                    used.add(entry.get());
                    explained.add(d + "  [deliberate: " + entry.get().reason() + "]");
                } else {
                    unexplained.add(d);
                }
            }
        }
        return this;
    }

    List<ResponseComparator.Difference> unexplained() {
        return unexplained;
    }

    /** A readable account: unexplained differences, deliberate ones, entries that explained nothing, every answer. */
    String report() {
        StringBuilder text = new StringBuilder("Differential REST run, " + mode + "\n\nUnexplained differences ("
                + unexplained.size() + "):\n");
        unexplained.forEach(d -> text.append("  ").append(d).append('\n'));
        text.append("\nDeliberate differences (").append(explained.size()).append("):\n");
        explained.forEach(d -> text.append("  ").append(d).append('\n'));
        text.append("\nAllow-list entries that explained nothing in this mode:\n");
        DeliberateDifferences.ENTRIES.stream()
                .filter(e -> (e.mode() == mode || e.mode() == DeliberateDifferences.Mode.BOTH) && !used.contains(e))
                .forEach(e -> text.append("  ").append(e).append('\n'));
        return text.append("\nTranscript:\n").append(transcript).toString();
    }

    /** Writes {@link #report()} to {@code file} (the build's target directory) for a reader after the run. */
    void writeReport(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, report());
    }
}
