package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.benchmarks.DistributedWorker.JoinTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's figures as JSON, for scripts and for comparing runs: the raw measurements of each
 * phase, then every target of the parts that ran with Apache's value, Ferry's value and whether it
 * was met.
 */
final class ResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    static void write(BenchmarkResults r, ObjectNode environment, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode parts = root.putArray("parts");
        r.parts.stream().sorted().forEach(p -> parts.add(p.name().toLowerCase(Locale.ROOT)));
        root.put("records", r.records);
        root.put("lineBytes", r.lineBytes);
        root.set("environment", environment);
        if (r.startup != null) {
            ObjectNode startup = root.putObject("startup");
            r.startup.readySeconds().forEach(startup.putArray("readySeconds")::add);
            r.startup.idleRssKib().forEach(startup.putArray("idleRssKib")::add);
            startup.put("medianReadySeconds", r.startup.medianReadySeconds());
            startup.put("medianIdleRssMb", r.startup.medianIdleRssMib());
        }
        throughput(root, "rawProducer", r.rawProducer);
        throughput(root, "rawConsumer", r.rawConsumer);
        transfer(root, "source", r.source);
        transfer(root, "sink", r.sink);
        transfer(root, "sourceWarm", r.sourceWarm);
        transfer(root, "sinkWarm", r.sinkWarm);
        if (r.sourceToRawProducer() != null) {
            root.put("sourceToRawProducer", r.sourceToRawProducer());
        }
        if (r.sinkToRawConsumer() != null) {
            root.put("sinkToRawConsumer", r.sinkToRawConsumer());
        }
        if (r.parts.contains(BenchmarkOptions.Part.PIPELINE)) {
            ObjectNode metrics = root.putObject("metricsOverhead");
            comparison(metrics.putObject("source"), r.sourceMetrics);
            comparison(metrics.putObject("sink"), r.sinkMetrics);
            putMedian(metrics, "worst", r.metricsOverhead());
        }
        if (r.cluster != null) {
            cluster(root.putObject("cluster"), r.cluster);
        }
        ObjectNode goals = root.putObject("targets");
        for (Goal goal : Goal.ALL) {
            if (!r.parts.contains(goal.part())) {
                continue;
            }
            ObjectNode g = goals.putObject(goal.key());
            Double value = goal.measured().apply(r);
            if (goal.apache() == null) {
                g.putNull("apache");
            } else {
                g.put("apache", goal.apache());
            }
            g.put("target", goal.target());
            g.put("lowerIsBetter", goal.atMost());
            if (value == null) {
                g.putNull("ferry");
                g.putNull("met");
            } else {
                g.put("ferry", value);
                g.put("met", goal.met(value));
            }
        }
        ObjectNode failures = root.putObject("failures");
        r.failures.forEach(failures::put);
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    private static void comparison(ObjectNode node, MetricsComparison c) {
        for (RecordMetrics setting : RecordMetrics.values()) {
            ObjectNode side = node.putObject(setting == RecordMetrics.ON ? "on" : "off");
            ArrayNode runs = side.putArray("runs");
            c.runs(setting).forEach(run -> {
                ObjectNode worker = runs.addObject();
                transferFields(worker.putObject("fresh"), run.fresh());
                transferFields(worker.putObject("warm"), run.warm());
            });
            putMedian(side, "medianRecordsPerSecond", c.medianRate(setting));
            putMedian(side, "medianWorkerCpuSecondsPer1M", c.medianCpuPer1M(setting));
            putMedian(side, "rateSpread", c.rateSpread(setting));
            putMedian(side, "cpuSpread", c.cpuSpread(setting));
        }
        putMedian(node, "rateCost", c.rateCost());
        putMedian(node, "cpuCost", c.cpuCost());
    }

    private static void cluster(ObjectNode node, ClusterFigures c) {
        node.put("cdsArchive", c.cdsArchive);
        joins(node.putObject("firstWorker"), c.firstWorker);
        joins(node.putObject("joiningWorker"), c.joiningWorker);
        ObjectNode created = node.putObject("connectorRunning");
        c.connectorRunningSeconds.forEach(created.putArray("seconds")::add);
        putMedian(created, "medianSeconds", c.medianConnectorRunning());
        handovers(node.putObject("killFailover"), c.kills);
        handovers(node.putObject("termHandover"), c.terms);
        c.notes.forEach(node.putArray("notes")::add);
    }

    private static void joins(ObjectNode node, List<JoinTiming> runs) {
        ArrayNode rest = node.putArray("restSeconds");
        ArrayNode healthy = node.putArray("healthySeconds");
        runs.forEach(run -> {
            rest.add(run.restSeconds());
            healthy.add(run.healthySeconds());
        });
        putMedian(node, "medianRestSeconds", ClusterFigures.median(runs, JoinTiming::restSeconds));
        putMedian(node, "medianHealthySeconds", ClusterFigures.median(runs, JoinTiming::healthySeconds));
    }

    private static void handovers(ObjectNode node, List<ClusterFigures.Handover> runs) {
        ArrayNode seconds = node.putArray("seconds");
        ArrayNode workMoved = node.putArray("workMoved");
        ArrayNode exitSeconds = node.putArray("exitSeconds");
        runs.forEach(run -> {
            seconds.add(run.seconds());
            workMoved.add(run.workMoved());
            exitSeconds.add(run.exitSeconds());
        });
        putMedian(node, "medianSeconds", ClusterFigures.median(runs, ClusterFigures.Handover::seconds));
        putMedian(node, "medianExitSeconds", ClusterFigures.median(runs, ClusterFigures.Handover::exitSeconds));
    }

    private static void putMedian(ObjectNode node, String name, Double median) {
        if (median != null) {
            node.put(name, median);
        }
    }

    private static void throughput(ObjectNode root, String name, Throughput t) {
        if (t != null) {
            ObjectNode node = root.putObject(name);
            node.put("records", t.records());
            node.put("seconds", t.seconds());
            node.put("recordsPerSecond", t.recordsPerSecond());
        }
    }

    private static void transfer(ObjectNode root, String name, Transfer t) {
        if (t != null) {
            transferFields(root.putObject(name), t);
        }
    }

    private static void transferFields(ObjectNode node, Transfer t) {
        node.put("records", t.records());
        node.put("seconds", t.seconds());
        node.put("recordsPerSecond", t.recordsPerSecond());
        node.put("workerCpuSeconds", t.cpuSeconds());
        node.put("workerCpuSecondsPer1M", t.cpuSecondsPerMillionRecords());
        node.put("secondsToFirstRecord", t.secondsToFirstRecord());
        node.put("workerPeakRssKib", t.peakRssKib());
    }
}
