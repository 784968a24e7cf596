package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class SaslListenerTest {

    @Test
    void saslUser_hasOnlyTheRightsGranted_whilePlaintextClientsAreSuperUsers() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder()
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .brokerProperty("super.users", "User:ANONYMOUS")
                .saslPlainUser("alice", "alice-secret")
                .build().start();
             Admin superUser = Admin.create(broker.adminConfig());
             Admin alice = Admin.create(broker.saslClientConfig("alice"))) {
            broker.createTopic("guarded", 1);

            assertThatThrownBy(() -> alice.describeTopics(List.of("guarded")).allTopicNames().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);

            superUser.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "guarded", PatternType.LITERAL),
                    new AccessControlEntry("User:alice", "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW))))
                    .all().get(10, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 10_000;
            while (true) {
                try {
                    assertThat(alice.describeTopics(List.of("guarded")).allTopicNames().get(10, TimeUnit.SECONDS))
                            .containsKey("guarded");
                    break;
                } catch (ExecutionException e) {
                    // the ACL reaches the broker's authorizer through the metadata log, a moment later
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    @Test
    void saslClientConfig_namesTheBuilderMethod_whenTheBrokerHasNoSuchUser() {
        KafkaBroker broker = KafkaBroker.builder().build();
        assertThatThrownBy(() -> broker.saslClientConfig("bob"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("saslPlainUser(\"bob\"");
    }
}
