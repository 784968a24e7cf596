package dev.ferry.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which call a stuck task or connector thread is in, read from its stack, and what the message says to do. */
class StuckThreadTest {

    @Test
    void theCallReported_isThePluginMethodTheRuntimeCalled_withTheInnermostFrameAsWhatItWaitsIn() {
        String text = StuckThread.describe("Task orders-0", "task-thread-orders-0", new StackTraceElement[] {
                frame("sun.nio.ch.Net", "poll"),
                frame("com.example.jdbc.Pool", "borrow"),
                frame("com.example.jdbc.JdbcSourceTask", "poll"),
                frame("dev.ferry.runtime.task.source.SourceTaskRunner", "poll"),
                frame("dev.ferry.runtime.task.TaskRunner", "run"),
                frame("java.lang.Thread", "run")}, 5000);

        assertThat(text).isEqualTo("Task orders-0 did not stop within task.shutdown.graceful.timeout.ms=5000 ms: its "
                + "thread task-thread-orders-0 is still in com.example.jdbc.JdbcSourceTask.poll(), waiting in "
                + "sun.nio.ch.Net.poll. Ferry stopped waiting for it, but the thread runs on until that call returns. "
                + "Fix the plugin so that poll() returns within a short time (null or an empty list when there is "
                + "nothing to send), so the task sees that it is asked to stop, or raise "
                + "task.shutdown.graceful.timeout.ms if it needs longer to stop cleanly.");
    }

    @Test
    void aFlushCalledThroughSinkTasksDefaultPreCommit_isReportedAsTheTasksFlush() {
        String text = StuckThread.describe("Task s-1", "t", new StackTraceElement[] {
                frame("java.lang.Object", "wait"),
                frame("com.example.S3SinkTask", "flush"),
                frame("org.apache.kafka.connect.sink.SinkTask", "preCommit"),
                frame("dev.ferry.runtime.task.sink.SinkOffsetCommitter", "commit")}, 100);

        assertThat(text).contains("is still in com.example.S3SinkTask.flush(), waiting in java.lang.Object.wait.")
                .contains("Fix the plugin so that flush() finishes within offset.flush.timeout.ms");
    }

    @Test
    void aTransformationStuckInApply_isNamedThroughThePipelineFrames() {
        String text = StuckThread.describe("Task t-0", "t", new StackTraceElement[] {
                frame("com.example.LookupSmt", "apply"),
                frame("dev.ferry.runtime.task.TransformStep", "apply"),
                frame("dev.ferry.runtime.task.TransformationChain", "lambda$apply$0"),
                frame("dev.ferry.runtime.errors.ErrorHandler", "runWithRetries")}, 100);

        assertThat(text).contains("is still in com.example.LookupSmt.apply(). Ferry stopped")
                .contains("Fix the plugin so that apply() returns promptly once the task is asked to stop");
    }

    @Test
    void aConnectorStuckInStop_isNamed() {
        String text = StuckThread.describe("Connector c", "connector-thread-c", new StackTraceElement[] {
                frame("java.lang.Thread", "sleep"),
                frame("com.example.CdcConnector", "stop"),
                frame("dev.ferry.runtime.worker.ConnectorRunner", "stopPlugin")}, 100);

        assertThat(text).startsWith("Connector c did not stop within task.shutdown.graceful.timeout.ms=100 ms: its "
                + "thread connector-thread-c is still in com.example.CdcConnector.stop(), waiting in java.lang.Thread.sleep.")
                .contains("Fix the plugin so that stop() releases what it holds and returns");
    }

    @Test
    void aThreadBusyInTheRuntimeItself_isReportedWithoutBlamingAPlugin() {
        String text = StuckThread.describe("Task x-0", "t", new StackTraceElement[] {
                frame("dev.ferry.runtime.task.source.SubmittedRecords", "awaitUnackedAtMost"),
                frame("dev.ferry.runtime.task.TaskRunner", "run")}, 100);

        assertThat(text).isEqualTo("Task x-0 did not stop within task.shutdown.graceful.timeout.ms=100 ms: its thread t "
                + "is still busy. Ferry stopped waiting for it, but the thread runs on. Raise "
                + "task.shutdown.graceful.timeout.ms if it needs longer to stop cleanly.");
    }

    @Test
    void aThreadWaitingInTheRuntimesOwnKafkaClient_pointsAtKafka_notAtThePlugin() {
        String text = StuckThread.describe("Task s-0", "t", new StackTraceElement[] {
                frame("sun.nio.ch.EPoll", "wait"),
                frame("org.apache.kafka.clients.consumer.KafkaConsumer", "close"),
                frame("dev.ferry.runtime.task.sink.SinkTaskRunner", "close")}, 500);

        assertThat(text).contains("is still in org.apache.kafka.clients.consumer.KafkaConsumer.close(), waiting in "
                + "sun.nio.ch.EPoll.wait. Ferry stopped waiting for it, but the thread runs on until that call returns. "
                + "That is the runtime's own Kafka client, most often waiting for a broker: check that the Kafka "
                + "cluster is reachable, or raise task.shutdown.graceful.timeout.ms").doesNotContain("Fix the plugin");
    }

    @Test
    void aTaskWaitingToWriteItsStatus_pointsAtKafka_notAtThePlugin() {
        String text = StuckThread.describe("Task s-0", "t", new StackTraceElement[] {
                frame("jdk.internal.misc.Unsafe", "park"),
                frame("org.apache.kafka.clients.producer.internals.ProducerMetadata", "awaitUpdate"),
                frame("org.apache.kafka.clients.producer.KafkaProducer", "send"),
                frame("dev.ferry.runtime.storage.kafka.KafkaStatusStore", "put"),
                frame("dev.ferry.runtime.herder.shared.StatusRecorder", "taskState"),
                frame("dev.ferry.runtime.worker.MetricsStatusListener", "taskState"),
                frame("dev.ferry.runtime.task.TaskRunner", "reportState")}, 500);

        assertThat(text).contains("is still in dev.ferry.runtime.worker.MetricsStatusListener.taskState(), waiting in "
                + "jdk.internal.misc.Unsafe.park. Ferry stopped waiting for it, but the thread runs on until that call "
                + "returns. That is Ferry's own code, not the plugin's, waiting in its Kafka client (most often to write "
                + "the task's status while no broker answers): check that the Kafka cluster is reachable, or raise "
                + "task.shutdown.graceful.timeout.ms").doesNotContain("Fix the plugin");
    }

    @Test
    void ferrysOwnCodeWaitingElsewhere_isNotBlamedOnThePlugin() {
        String text = StuckThread.describe("Task s-0", "t", new StackTraceElement[] {
                frame("jdk.internal.misc.Unsafe", "park"),
                frame("dev.ferry.runtime.worker.MetricsStatusListener", "taskState"),
                frame("dev.ferry.runtime.task.TaskRunner", "reportState")}, 500);

        assertThat(text).contains("That is Ferry's own code, not the plugin's: if it stays there, report it to Ferry "
                + "with this trace").doesNotContain("Fix the plugin");
    }

    @Test
    void ferrysBundledPlugins_areAdvisedAsPlugins() {
        String text = StuckThread.describe("Task j-0", "t", new StackTraceElement[] {
                frame("java.net.SocketInputStream", "read"),
                frame("dev.ferry.jdbc.source.JdbcSourceTask", "poll"),
                frame("dev.ferry.runtime.task.source.SourceTaskRunner", "poll")}, 500);

        assertThat(text).contains("Fix the plugin so that poll() returns within a short time");
    }

    @Test
    void aPluginClassInFerrysPackages_isStillAdvisedAsAPlugin() {
        String text = StuckThread.describe("Task p-0", "t", new StackTraceElement[] {
                frame("java.lang.Thread", "sleep"),
                new StackTraceElement("plugin:/plugins/odd", null, null, "dev.ferry.runtime.Odd", "poll", null, -1),
                frame("dev.ferry.runtime.task.source.SourceTaskRunner", "poll")}, 500);

        assertThat(text).contains("Fix the plugin so that poll() returns within a short time");
    }

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }
}
