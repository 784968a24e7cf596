package dev.ferry.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import org.junit.jupiter.api.Test;

/** A task's Kafka clients are recognised by the ids the worker gives them. */
class TaskClientsTest {

    @Test
    void taskClientIds_nameTheConnectorAndTask_evenWhenTheConnectorNameHasDashes() {
        assertThat(TaskClients.taskOf("connector-producer-orders-0")).isEqualTo(new ConnectorTaskId("orders", 0));
        assertThat(TaskClients.taskOf("connector-consumer-my-jdbc-sink-12"))
                .isEqualTo(new ConnectorTaskId("my-jdbc-sink", 12));
        assertThat(TaskClients.taskOf("connector-adminclient-orders-1")).isEqualTo(new ConnectorTaskId("orders", 1));
        assertThat(TaskClients.taskOf("connector-dlq-producer-orders-2")).isEqualTo(new ConnectorTaskId("orders", 2));
    }

    @Test
    void otherClients_belongToNoTask() {
        assertThat(TaskClients.taskOf("connect-10.0.0.5:8083")).isNull();
        assertThat(TaskClients.taskOf("ferry-cluster-offsets")).isNull();
        assertThat(TaskClients.taskOf("connector-dlq-adminclient-")).isNull();
        assertThat(TaskClients.taskOf("connector-producer-no-number")).isNull();
    }
}
