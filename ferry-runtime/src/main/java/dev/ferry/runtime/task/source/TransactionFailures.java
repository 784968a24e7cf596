package dev.ferry.runtime.task.source;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Turns what a transactional producer throws into the failure of an exactly-once source task,
 * with a message that names the cause and what to change: another instance took over (fencing,
 * expected after a rebalance), the principal may not use the task's transactional id, the
 * transaction coordinator is unavailable (typically because the broker cannot create its
 * transaction state topic), or the transaction expired before it could be committed.
 *
 * <p>Thread contract: stateless.
 */
final class TransactionFailures {

    private TransactionFailures() {
    }

    /**
     * @param task            the task, e.g. {@code orders-0}
     * @param transactionalId the task's {@code transactional.id}, {@code <group.id>-<connector>-<task>}
     * @param idPrefix        the prefix every task of the connector shares, {@code <group.id>-<connector>-}
     * @param what            what failed, e.g. {@code "initialize its transactional producer"}
     */
    static ConnectException explain(String task, String transactionalId, String idPrefix, String what,
                                    Throwable error) {
        Throwable cause = rootKafkaCause(error);
        if (cause instanceof ProducerFencedException) {
            return new ConnectException("Task " + task + " could not " + what + ": its producer was fenced out, "
                    + "because another producer with transactional.id '" + transactionalId + "' started (another "
                    + "instance of this task took over, as expected after a rebalance or after the cluster fenced "
                    + "zombie tasks). This instance stops; nothing needs fixing if the task runs on another worker, "
                    + "otherwise restart the task.", error);
        }
        if (cause instanceof TransactionalIdAuthorizationException
                || cause instanceof AuthorizationException && String.valueOf(cause.getMessage()).contains("ransactional")) {
            return new ConnectException("Task " + task + " could not " + what + ": the worker's principal is not "
                    + "authorized to use transactional.id '" + transactionalId + "'. Exactly-once source tasks need "
                    + "the WRITE and DESCRIBE operations on the TransactionalId resource with the prefix '" + idPrefix
                    + "' (for example: kafka-acls --add --allow-principal User:<worker principal> --operation Write "
                    + "--operation Describe --transactional-id '" + idPrefix + "' --resource-pattern-type prefixed), "
                    + "then restart the task.", error);
        }
        if (cause instanceof TimeoutException || cause instanceof CoordinatorNotAvailableException) {
            return new ConnectException("Task " + task + " could not " + what + ": no transaction coordinator "
                    + "answered for transactional.id '" + transactionalId + "' (" + cause.getMessage() + "). The "
                    + "brokers keep transactions in their internal __transaction_state topic and cannot create it "
                    + "when transaction.state.log.replication.factor (default 3) or transaction.state.log.min.isr is "
                    + "larger than the number of brokers available: set both broker settings to at most the number "
                    + "of brokers (1 on a single-broker cluster) or add brokers, check that the brokers are "
                    + "reachable, then restart the task.", error);
        }
        if (cause instanceof InvalidProducerEpochException) {
            // The broker answers this both to a producer fenced out by a newer instance and to one whose
            // transaction it aborted on timeout; which one happened is not in the error.
            return new ConnectException("Task " + task + " could not " + what + ": the broker no longer accepts "
                    + "its producer epoch for transactional.id '" + transactionalId + "'. Either its producer was "
                    + "fenced out because another instance of this task took over (expected after a rebalance or "
                    + "after the cluster fenced zombie tasks; nothing needs fixing if the task runs on another "
                    + "worker), or its transaction expired before it was committed (transaction.timeout.ms): then "
                    + "commit more often (transaction.boundary=poll, or a smaller transaction.boundary.interval.ms), "
                    + "raise producer.override.transaction.timeout.ms (at most the brokers' "
                    + "transaction.max.timeout.ms) or tune the producer for more throughput, and restart the task.",
                    error);
        }
        return new ConnectException("Task " + task + " could not " + what + ": " + cause, error);
    }

    /** The first Kafka error in the cause chain (producers wrap them in KafkaException). */
    private static Throwable rootKafkaCause(Throwable error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 8; depth++, current = current.getCause()) {
            if (current instanceof ProducerFencedException || current instanceof TransactionalIdAuthorizationException
                    || current instanceof AuthorizationException || current instanceof TimeoutException
                    || current instanceof CoordinatorNotAvailableException
                    || current instanceof InvalidProducerEpochException) {
                return current;
            }
        }
        return error;
    }
}
