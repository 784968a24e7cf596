package dev.ferry.rest.extensions;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.InstanceStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectClusterDetails;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.ConnectorState;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.health.TaskState;

/**
 * {@code clusterState()} for extensions: the connectors, their health and configs, and the Kafka
 * cluster id, read from the herder as the REST endpoints read them. Calls that wait for the
 * herder wait at most the REST request timeout, then fail with a {@link ConnectException}, as
 * Apache's does. An unknown connector fails as the status endpoint does (Connect's
 * {@code NotFoundException}). Thread-safe.
 */
final class HerderClusterState implements ConnectClusterState {
    private final Herder herder;
    private final Duration timeout;

    HerderClusterState(Herder herder, Duration timeout) {
        this.herder = herder;
        this.timeout = timeout;
    }

    @Override
    public Collection<String> connectors() {
        return List.copyOf(herder.connectors());
    }

    @Override
    public ConnectorHealth connectorHealth(String connName) {
        ConnectorStatusReport report = herder.connectorStatus(connName);
        Map<Integer, TaskState> tasks = new HashMap<>();
        for (ConnectorStatusReport.TaskStatusReport task : report.tasks()) {
            InstanceStatus status = task.status();
            tasks.put(task.id(), new TaskState(task.id(), status.state().name(), status.workerId(), status.trace()));
        }
        InstanceStatus connector = report.connector();
        return new ConnectorHealth(connName,
                new ConnectorState(connector.state().name(), connector.workerId(), connector.trace()),
                tasks, ConnectorType.valueOf(report.type().name()));
    }

    @Override
    public Map<String, String> connectorConfig(String connName) {
        try {
            return new HashMap<>(herder.connectorConfig(connName).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw new ConnectException("Could not read the configuration of connector '" + connName + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("The configuration of connector '" + connName + "' was not read within "
                    + timeout.toMillis() + " ms; the worker may be rebalancing.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reading the configuration of connector '" + connName + "'", e);
        }
    }

    @Override
    public ConnectClusterDetails clusterDetails() {
        return () -> herder.serverInfo().kafkaClusterId();
    }
}
