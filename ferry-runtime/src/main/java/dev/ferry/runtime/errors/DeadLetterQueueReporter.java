package dev.ferry.runtime.errors;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes failed sink records to the dead letter queue topic: the record's original key, value,
 * headers and timestamp, byte for byte as consumed, so the queue can be replayed once the cause is
 * fixed. With {@code errors.deadletterqueue.context.headers.enable=true} it appends Apache's ten
 * {@code __connect.errors.*} headers (UTF-8 strings) saying where the record came from and why it
 * failed. Failures without a consumed record (source-side ones) are not written.
 *
 * <p>Thread contract: thread-safe (the producer is); {@link #close()} closes the producer, which
 * this reporter owns.
 */
public final class DeadLetterQueueReporter implements ErrorReporter {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueueReporter.class);

    /** Header: the topic the record was consumed from. */
    public static final String HEADER_TOPIC = "__connect.errors.topic";
    /** Header: its partition. */
    public static final String HEADER_PARTITION = "__connect.errors.partition";
    /** Header: its offset. */
    public static final String HEADER_OFFSET = "__connect.errors.offset";
    /** Header: the connector's name. */
    public static final String HEADER_CONNECTOR_NAME = "__connect.errors.connector.name";
    /** Header: the task number. */
    public static final String HEADER_TASK_ID = "__connect.errors.task.id";
    /** Header: the {@link Stage} that failed. */
    public static final String HEADER_STAGE = "__connect.errors.stage";
    /** Header: the class that was running, e.g. the converter. */
    public static final String HEADER_EXECUTING_CLASS = "__connect.errors.class.name";
    /** Header: the class of the exception. */
    public static final String HEADER_EXCEPTION = "__connect.errors.exception.class.name";
    /** Header: the exception's message. */
    public static final String HEADER_EXCEPTION_MESSAGE = "__connect.errors.exception.message";
    /** Header: the exception's stack trace. */
    public static final String HEADER_EXCEPTION_STACK_TRACE = "__connect.errors.exception.stacktrace";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final boolean contextHeaders;

    /** A reporter writing to {@code topic} with {@code producer}, which it closes when closed. */
    public DeadLetterQueueReporter(Producer<byte[], byte[]> producer, String topic, boolean contextHeaders) {
        this.producer = producer;
        this.topic = topic;
        this.contextHeaders = contextHeaders;
    }

    /**
     * Creates the dead letter queue topic with one partition if it does not exist yet, as Apache
     * does when a sink task starts.
     */
    public static void createTopicIfMissing(Admin admin, String topic, short replicationFactor, long timeoutMs) {
        try {
            if (admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, 1, replicationFactor)))
                    .all().get(timeoutMs, TimeUnit.MILLISECONDS);
            log.info("Created dead letter queue topic '{}' with 1 partition and replication factor {}",
                    topic, replicationFactor);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Could not create the dead letter queue topic '" + topic
                        + "' (replication factor " + replicationFactor + "): " + e.getCause().getMessage()
                        + ". Create it yourself or fix errors.deadletterqueue.topic.replication.factor.",
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating the dead letter queue topic '" + topic + "'", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConnectException("Timed out after " + timeoutMs + " ms creating the dead letter queue topic '"
                    + topic + "'; check that the broker is reachable", e);
        }
    }

    @Override
    public CompletableFuture<Void> report(ErrorReport report) {
        ConsumerRecord<byte[], byte[]> original = report.consumedRecord();
        if (original == null) {
            log.debug("Not writing a {} failure of task {} to the dead letter queue: there is no consumed record",
                    report.stage(), report.task());
            return CompletableFuture.completedFuture(null);
        }
        Long timestamp = original.timestamp() == ConsumerRecord.NO_TIMESTAMP ? null : original.timestamp();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, timestamp,
                original.key(), original.value(), original.headers());
        if (contextHeaders) {
            addContextHeaders(record.headers(), report);
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                written.complete(null);
            } else {
                log.error("Could not write a failed record of task {} to the dead letter queue '{}'",
                        report.task(), topic, error);
                written.completeExceptionally(error);
            }
        });
        return written;
    }

    @Override
    public void close() {
        producer.close();
    }

    static void addContextHeaders(Headers headers, ErrorReport report) {
        ConsumerRecord<byte[], byte[]> original = report.consumedRecord();
        headers.add(HEADER_TOPIC, utf8(original.topic()));
        headers.add(HEADER_PARTITION, utf8(String.valueOf(original.partition())));
        headers.add(HEADER_OFFSET, utf8(String.valueOf(original.offset())));
        headers.add(HEADER_CONNECTOR_NAME, utf8(report.task().connector()));
        headers.add(HEADER_TASK_ID, utf8(String.valueOf(report.task().task())));
        headers.add(HEADER_STAGE, utf8(report.stage().name()));
        headers.add(HEADER_EXECUTING_CLASS,
                utf8(report.executingClass() == null ? null : report.executingClass().getName()));
        Throwable error = report.error();
        if (error != null) {
            headers.add(HEADER_EXCEPTION, utf8(error.getClass().getName()));
            headers.add(HEADER_EXCEPTION_MESSAGE, utf8(error.getMessage()));
            headers.add(HEADER_EXCEPTION_STACK_TRACE, utf8(stackTrace(error)));
        }
    }

    private static String stackTrace(Throwable error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            error.printStackTrace(stream);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DeadLetterQueueReporter{topic=" + topic + ", contextHeaders=" + contextHeaders + '}';
    }

}
