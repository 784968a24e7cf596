package dev.ferry.benchmarks.micro;

import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.SinkTaskMetrics;
import dev.ferry.runtime.metrics.SourceTaskMetrics;
import dev.ferry.runtime.metrics.TaskMetrics;
import dev.ferry.runtime.metrics.WorkerMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a task's per-record metrics cost per record, with the recording switched on and off
 * ({@value ConnectMetrics#RECORD_METRICS_PROPERTY}): exactly the calls the source and sink task
 * runners make for one batch, on the worker's real metrics registry with its JMX reporter.
 *
 * <p>The pipeline benchmark compares whole workers with metrics on and off, but the machine's
 * noise between two runs of one setting (a few per cent) is as large as the limit it checks. This
 * measures the metrics' share alone, in nanoseconds per record, to set against the worker CPU per
 * record the pipeline benchmark reports. Batch sizes are the connectors' defaults there:
 * FileStreamSource polls up to 2,000 lines, a sink task gets up to {@code max.poll.records} = 500.
 * Run with {@code ./benchmarks/run micro}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordMetricsCost {
    private static final int SOURCE_BATCH = 2_000;
    private static final int SINK_BATCH = 500;

    /** The value of the switch, as the worker reads it at start-up. */
    @Param({"true", "false"})
    public String recordMetrics;

    private ConnectMetrics metrics;
    private WorkerMetrics worker;
    private TaskMetrics sourceTask;
    private TaskMetrics sinkTask;
    private long active;

    @Setup(Level.Trial)
    public void start() {
        System.setProperty(ConnectMetrics.RECORD_METRICS_PROPERTY, recordMetrics);
        metrics = ConnectMetrics.withDefaults("micro-" + recordMetrics, Time.SYSTEM);
        worker = new WorkerMetrics(metrics);
        sourceTask = worker.taskStarting(new ConnectorTaskId("source", 0), false);
        sinkTask = worker.taskStarting(new ConnectorTaskId("sink", 0), true);
    }

    @TearDown(Level.Trial)
    public void stop() {
        worker.close();
        metrics.close();
    }

    /** One FileStreamSource batch: the poll is recorded, then each record is acknowledged by Kafka. */
    @Benchmark
    @OperationsPerInvocation(SOURCE_BATCH)
    public void sourceBatch() {
        sourceTask.recordBatch(SOURCE_BATCH);
        SourceTaskMetrics.Batch writes = sourceTask.source().recordPoll(SOURCE_BATCH, 1);
        for (int i = 0; i < SOURCE_BATCH; i++) {
            writes.written();
        }
    }

    /** One sink batch: the consumer poll read, the put and the records now awaiting their commit. */
    @Benchmark
    @OperationsPerInvocation(SINK_BATCH)
    public void sinkBatch() {
        SinkTaskMetrics sink = sinkTask.sink();
        sink.recordRead(SINK_BATCH);
        sinkTask.recordBatch(SINK_BATCH);
        sink.recordPut(SINK_BATCH, 1);
        active = (active + SINK_BATCH) % 100_000;
        sink.recordActive(active);
    }
}
