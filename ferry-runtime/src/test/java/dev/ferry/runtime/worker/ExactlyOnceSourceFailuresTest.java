package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.kafka.KafkaOffsetStore;
import dev.ferry.runtime.worker.fixtures.TransactionalSourceConnector;
import dev.ferry.testkit.KafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/**
 * Brokers on which an exactly-once source task cannot use transactions: the task is FAILED with a
 * message that names the cause and what to change, instead of hanging in {@code initTransactions}.
 * Each test starts a broker of its own, configured to fail in one way.
 */
class ExactlyOnceSourceFailuresTest {

    @Test
    void brokerThatCannotCreateItsTransactionStateTopic_failsTheTaskWithTheSettingsToChange() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder()
                .brokerProperty("transaction.state.log.replication.factor", "3").build().start()) {
            broker.createTopic("eos-no-coordinator", 1);
            Map<String, String> worker = workerProps(broker.bootstrapServers(), "no-coordinator");
            worker.put("producer.max.block.ms", "5000");
            Throwable failure = runUntilFailed(broker, worker, worker);

            assertThat(failure).hasMessageContaining("could not initialize its transactional producer")
                    .hasMessageContaining("no transaction coordinator answered")
                    .hasMessageContaining("transaction.state.log.replication.factor")
                    .hasMessageContaining("at most the number of brokers");
        }
    }

    @Test
    void principalWithoutTransactionalIdAcl_failsTheTaskNamingTheAclToGrant() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().saslPlainUser("worker", "worker-secret")
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .brokerProperty("super.users", "User:ANONYMOUS").build().start()) {
            broker.createTopic("eos-no-acl", 1);
            try (Admin admin = Admin.create(broker.adminConfig())) {
                AccessControlEntry all = new AccessControlEntry("User:worker", "*", AclOperation.ALL,
                        AclPermissionType.ALLOW);
                admin.createAcls(List.of(
                        new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL), all),
                        new AclBinding(new ResourcePattern(ResourceType.GROUP, "*", PatternType.LITERAL), all)))
                        .all().get();
            }
            // The worker's own stores use the unrestricted listener; the task's clients are the SASL user.
            Map<String, String> stores = workerProps(broker.bootstrapServers(), "no-acl");
            Map<String, String> worker = new HashMap<>(stores);
            broker.saslClientConfig("worker").forEach((key, value) -> {
                worker.put("producer." + key, value.toString());
                worker.put("admin." + key, value.toString());
            });
            Throwable failure = runUntilFailed(broker, worker, stores);

            assertThat(failure).hasMessageContaining("is not authorized to use transactional.id 'eos-no-acl-eos-0'")
                    .hasMessageContaining("WRITE and DESCRIBE")
                    .hasMessageContaining("TransactionalId resource with the prefix 'eos-no-acl-eos-'");
        }
    }

    private static Throwable runUntilFailed(KafkaBroker broker, Map<String, String> workerProps,
                                            Map<String, String> storeProps) {
        RecordingStatusListener listener = new RecordingStatusListener();
        DistributedConfig config = new DistributedConfig(workerProps);
        try (Admin admin = Admin.create(broker.adminConfig());
             KafkaOffsetStore offsets = KafkaOffsetStore.fromConfig(new DistributedConfig(storeProps), "test-", admin)) {
            offsets.start();
            try (Worker worker = new Worker("eos-failures", config, FixturePluginDirectory.plugins(),
                    ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                    broker.clusterId(), listener, Time.SYSTEM)) {
                Map<String, String> connector = Map.of("name", "eos",
                        "connector.class", TransactionalSourceConnector.class.getName(),
                        "topic", workerProps.get("group.id"),
                        "records", "10");
                worker.startConnector("eos", connector, TargetState.STARTED);
                listener.awaitConnector("eos", State.RUNNING);
                ConnectorTaskId task = new ConnectorTaskId("eos", 0);
                worker.startTask(task, connector, worker.connectorTaskConfigs("eos").get(0), TargetState.STARTED);
                listener.awaitTask(task, State.FAILED);
                return listener.taskFailure(task);
            }
        }
    }

    private static Map<String, String> workerProps(String bootstrap, String name) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "eos-" + name); // also the topic the task writes to
        props.put("exactly.once.source.support", "enabled");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.storage.topic", name + "-configs");
        props.put("offset.storage.topic", name + "-offsets");
        props.put("status.storage.topic", name + "-statuses");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        return props;
    }
}
