package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.benchmarks.BenchmarkOptions.Part;
import dev.ferry.benchmarks.ClusterFigures.Handover;
import dev.ferry.benchmarks.DistributedWorker.JoinTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFiguresTest {

    @Test
    void medians_areTakenPerFigure_andMissingWhenAPhaseHadNoRuns() {
        ClusterFigures figures = new ClusterFigures();
        assertThat(figures.medianKillFailover()).isNull();
        figures.firstWorker.add(new JoinTiming(1.0, 3.0));
        figures.firstWorker.add(new JoinTiming(2.0, 1.0));
        figures.firstWorker.add(new JoinTiming(3.0, 2.0));
        figures.kills.add(new Handover(12.0, 4, 0.1));
        figures.kills.add(new Handover(11.0, 5, 0.1));
        assertThat(figures.medianFirstWorkerRest()).isEqualTo(2.0);
        assertThat(figures.medianFirstWorkerHealthy()).isEqualTo(2.0);
        assertThat(figures.medianKillFailover()).isEqualTo(11.5);
    }

    @Test
    void failoverGoal_isMetAtFifteenSecondsOrLess_andBelongsToTheClusterPart() {
        Goal failover = Goal.ALL.stream().filter(g -> g.key().equals("killFailoverSeconds")).findFirst().orElseThrow();
        assertThat(failover.part()).isEqualTo(Part.CLUSTER);
        assertThat(failover.apache()).isEqualTo(310);
        assertThat(failover.met(15.0)).isTrue();
        assertThat(failover.met(15.1)).isFalse();
        BenchmarkResults results = new BenchmarkResults(0, Set.of(Part.CLUSTER));
        assertThat(failover.measured().apply(results)).isNull();
        results.cluster = new ClusterFigures();
        results.cluster.kills.add(new Handover(10.5, 3, 0.0));
        assertThat(failover.measured().apply(results)).isEqualTo(10.5);
    }

    @Test
    void workerProperties_leaveEveryGroupTimingAtApacheDefaults() {
        Map<String, String> props = DistributedWorker.properties("localhost:9092", "g", 8083);
        assertThat(props).containsEntry("group.id", "g").containsEntry("config.storage.topic", "g-configs")
                .containsEntry("listeners", "http://127.0.0.1:8083");
        assertThat(props).doesNotContainKeys("session.timeout.ms", "heartbeat.interval.ms", "rebalance.timeout.ms",
                "scheduled.rebalance.max.delay.ms", "connect.protocol");
    }

    @Test
    void onlyOption_picksOnePart_andRejectsOthersByName(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("dist/lib"));
        Path launcher = Files.createFile(dir.resolve("ferry"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        String[] paths = {"--dist", dir.resolve("dist").toString(), "--launcher", launcher.toString()};
        BenchmarkOptions both = BenchmarkOptions.parse(paths);
        assertThat(both.runs(Part.PIPELINE) && both.runs(Part.CLUSTER)).isTrue();
        assertThat(both.clusterRuns()).isEqualTo(3);
        assertThat(both.connectorRuns()).isEqualTo(5);
        BenchmarkOptions cluster = BenchmarkOptions.parse(concat(paths, "--only", "cluster", "--cluster-runs", "2"));
        assertThat(cluster.parts()).containsExactly(Part.CLUSTER);
        assertThat(cluster.clusterRuns()).isEqualTo(2);
        assertThatThrownBy(() -> BenchmarkOptions.parse(concat(paths, "--only", "both")))
                .hasMessageContaining("--only takes pipeline or cluster; got 'both'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
