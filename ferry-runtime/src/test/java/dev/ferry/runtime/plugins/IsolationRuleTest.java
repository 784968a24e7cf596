package dev.ferry.runtime.plugins;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IsolationRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "java.lang.String", "javax.security.auth.Subject", "javax.management.ObjectName", "org.slf4j.Logger",
        "org.apache.kafka.connect.storage.Converter", "org.apache.kafka.connect.data.Schema",
        "org.apache.kafka.clients.producer.KafkaProducer", "org.apache.kafka.connect.transforms.Transformation",
        "org.apache.kafka.connect.transforms.predicates.Predicate", "org.apache.kafka.common.config.provider.ConfigProvider",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$ClientType",
        "org.w3c.dom.Node", "org.xml.sax.Parser"})
    void apiAndPlatformClasses_areShared(String className) {
        assertThat(IsolationRule.isolated(className)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "com.fasterxml.jackson.databind.ObjectMapper", "io.confluent.connect.jdbc.JdbcSinkConnector",
        "javax.ws.rsx.Foo", "javafx.Foo", "org.apache.kafka.connect.transforms.Cast$Value",
        "org.apache.kafka.connect.transforms.predicates.TopicNameMatches", "org.apache.kafka.connect.json.JsonConverter",
        "org.apache.kafka.connect.file.FileStreamSinkConnector", "org.apache.kafka.connect.converters.ByteArrayConverter",
        "org.apache.kafka.connect.storage.StringConverter", "org.apache.kafka.connect.storage.SimpleHeaderConverter",
        "org.apache.kafka.common.config.provider.FileConfigProvider",
        "org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.mirror.MirrorSourceConnector"})
    void pluginAndLibraryClasses_areIsolated(String className) {
        assertThat(IsolationRule.isolated(className)).isTrue();
    }
}
