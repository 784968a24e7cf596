package dev.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACL findings against a real broker with Kafka's {@code StandardAuthorizer}: the doctor connects as the worker's
 * SASL principal {@code User:worker}, which has only the ACLs each test grants; the test itself (PLAINTEXT,
 * {@code User:ANONYMOUS}) is a super user.
 */
class AclCheckTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Doctor.Settings SETTINGS = Doctor.Settings.of(List.of(), Duration.ofSeconds(5));
    private static KafkaBroker broker;
    private static Admin superUser;

    private final String prefix = "acl-" + SEQUENCE.incrementAndGet();

    @BeforeAll
    static void startBrokerWithAuthorizer() {
        broker = KafkaBroker.builder()
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .brokerProperty("super.users", "User:ANONYMOUS")
                .saslPlainUser("worker", "worker-secret")
                .build().start();
        superUser = Admin.create(broker.adminConfig());
    }

    @AfterAll
    static void stopBroker() {
        if (superUser != null) {
            superUser.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The worker's properties: its SASL settings, and internal topics that exist (made by the super user). */
    private Map<String, String> worker() {
        Map<String, String> props = new HashMap<>();
        broker.saslClientConfig("worker").forEach((k, v) -> props.put(k, String.valueOf(v)));
        props.put("group.id", prefix);
        props.put("config.storage.topic", prefix + "-configs");
        props.put("offset.storage.topic", prefix + "-offsets");
        props.put("status.storage.topic", prefix + "-status");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        for (String topic : List.of("-configs", "-offsets", "-status")) {
            broker.createTopic(prefix + topic, 1, Map.of("cleanup.policy", "compact"));
        }
        return props;
    }

    private void grant(ResourceType type, String name, PatternType pattern, AclOperation... operations)
            throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:worker", "*", operation, AclPermissionType.ALLOW)));
        }
        superUser.createAcls(bindings).all().get(10, TimeUnit.SECONDS);
        // the broker's authorizer learns them from the metadata log; wait until it lists them all
        long deadline = System.currentTimeMillis() + 10_000;
        while (!superUser.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS).containsAll(bindings)) {
            assertThat(System.currentTimeMillis()).as("ACLs visible within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private List<Finding> aclFindings(Report report) {
        return report.findings().stream().filter(f -> f.check().equals("acls")).toList();
    }

    @Test
    void principalWithoutGroupAcls_cannotJoin() throws Exception {
        Map<String, String> props = worker();
        grant(ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);

        Report report = Doctor.examine(props, "w.properties", SETTINGS);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("acls");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("may not describe group '" + prefix + "' (group.id)")
                    .contains("--operation Read --operation Describe --group " + prefix);
        });
    }

    @Test
    void principalThatMayOnlyReadTheStatusTopic_cannotWriteStatuses() throws Exception {
        Map<String, String> props = worker();
        grant(ResourceType.GROUP, prefix, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
        grant(ResourceType.TOPIC, prefix + "-configs", PatternType.LITERAL, AclOperation.ALL);
        grant(ResourceType.TOPIC, prefix + "-offsets", PatternType.LITERAL, AclOperation.ALL);
        grant(ResourceType.TOPIC, prefix + "-status", PatternType.LITERAL, AclOperation.READ,
                AclOperation.DESCRIBE_CONFIGS);

        Report report = Doctor.examine(props, "w.properties", SETTINGS);

        assertThat(aclFindings(report)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).startsWith("The worker's principal may not write internal topic '" + prefix
                    + "-status'").contains("--topic " + prefix + "-status");
        });
        assertThat(report.findings()).hasSize(1);
    }

    @Test
    void principalWithEveryRightItNeeds_hasNoFindings() throws Exception {
        Map<String, String> props = worker();
        grant(ResourceType.GROUP, prefix, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
        grant(ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);

        Report report = Doctor.examine(props, "w.properties", SETTINGS);

        assertThat(report.findings()).isEmpty();
        assertThat(report.lines()).filteredOn(f -> f.check().equals("acls")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("may describe group '" + prefix + "'"));
    }
}
