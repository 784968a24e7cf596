package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.State;
import java.util.EnumSet;
import org.apache.kafka.common.utils.Time;

/**
 * The {@code connector-metrics} group of a connector running on this worker ({@code connector}
 * tag): its {@code status} (Apache's lower-case state names), {@code connector-type}
 * ({@code source} or {@code sink}), {@code connector-class} and {@code connector-version}. The
 * connector's own plugin metrics (KIP-877) are the worker's business: they are registered in the
 * same registry, tagged {@code connector=<name>}.
 *
 * <p>Thread contract: thread-safe.
 */
public final class ConnectorMetrics implements AutoCloseable {
    private final MetricGroup group;
    private final StateTracker state;
    private final Time time;

    ConnectorMetrics(ConnectMetrics metrics, String connector, String type, String connectorClass, String version) {
        this.time = metrics.time();
        this.state = new StateTracker(State.UNASSIGNED, EnumSet.of(State.RUNNING, State.PAUSED, State.STOPPED));
        this.group = metrics.group("connector-metrics", "connector", connector);
        group.gauge("status", "The state of the connector: unassigned, running, paused, stopped, failed or restarting.",
                state::stateName);
        group.constant("connector-type", "The type of the connector: source or sink.", type);
        group.constant("connector-class", "The class of the connector.", connectorClass);
        group.constant("connector-version", "The version of the connector class, as the connector reports it.",
                version);
    }

    /** Records the state; true or false when this ends the start-up in success or failure, else null. */
    Boolean stateChanged(State next) {
        return state.changeState(next, time.milliseconds());
    }

    State state() {
        return state.state();
    }

    @Override
    public void close() {
        group.close();
    }
}
