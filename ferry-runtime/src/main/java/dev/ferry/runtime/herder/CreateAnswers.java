package dev.ferry.runtime.herder;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.NotFoundException;

/**
 * Create and replace answers that wait for their connector to settle, as a standalone worker
 * answers (Apache's standalone answer lists the tasks the connector made): an answer is sent once
 * the connector's task configs were generated and its tasks were started, or once the connector
 * ended up not running (failed, paused, stopped), or was deleted meanwhile.
 *
 * <p>Thread contract: herder thread only, except {@link #watching}'s listener, which connector
 * threads call and which hands its news to the herder thread.
 */
final class CreateAnswers {
    private final Map<String, List<Waiting<?>>> waiting = new HashMap<>();
    /** Connectors whose new task configs were written; their answers go once the tasks are assigned. */
    private final Set<String> written = new HashSet<>();

    /** Answers {@code answer} with {@code value}'s result once the connector settles. */
    <T> void await(String connector, CompletableFuture<T> answer, Supplier<T> value) {
        waiting.computeIfAbsent(connector, c -> new ArrayList<>()).add(new Waiting<>(answer, value));
    }

    boolean isWaiting(String connector) {
        return waiting.containsKey(connector);
    }

    /** The connector's task configs did not change (or could not be made): its answers go now. */
    void settle(String connector) {
        written.remove(connector);
        List<Waiting<?>> answers = waiting.remove(connector);
        if (answers != null) {
            answers.forEach(Waiting::send);
        }
    }

    /** New task configs were written for the connector: its answers go once the tasks run. */
    void tasksWritten(String connector) {
        if (waiting.containsKey(connector)) {
            written.add(connector);
        }
    }

    /** The assignment caught up with the written task configs. */
    void settleWritten() {
        for (String connector : new ArrayList<>(written)) {
            settle(connector);
        }
    }

    void removed(String connector) {
        written.remove(connector);
        List<Waiting<?>> answers = waiting.remove(connector);
        if (answers != null) {
            answers.forEach(w -> w.answer().completeExceptionally(new NotFoundException(
                    "Connector " + connector + " was deleted while it was being created")));
        }
    }

    void failAll(RuntimeException reason) {
        waiting.values().forEach(answers -> answers.forEach(w -> w.answer().completeExceptionally(reason)));
        waiting.clear();
        written.clear();
    }

    /**
     * The worker's status reports, passed on to {@code delegate}; a connector that ends up not
     * running settles its waiting answers (on the herder thread, through {@code queue}).
     */
    StatusListener watching(StatusListener delegate, RequestQueue queue) {
        return new StatusListener() {
            @Override
            public void connectorState(String connector, State state, Throwable cause) {
                delegate.connectorState(connector, state, cause);
                if (state == State.FAILED || state == State.PAUSED || state == State.STOPPED) {
                    queue.anytime(() -> settle(connector));
                }
            }

            @Override
            public void taskState(ConnectorTaskId task, State state, Throwable cause) {
                delegate.taskState(task, state, cause);
            }

            @Override
            public void topicUsed(ConnectorTaskId task, String topic) {
                delegate.topicUsed(task, topic);
            }

            @Override
            public void taskReconfigurationRequested(String connector) {
                delegate.taskReconfigurationRequested(connector);
            }
        };
    }

    private record Waiting<T>(CompletableFuture<T> answer, Supplier<T> value) {
        void send() {
            try {
                answer.complete(value.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
    }
}
