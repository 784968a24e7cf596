package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Worker settings nothing reads are named at start, with the key each was probably meant to be. */
class UnknownWorkerKeysTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        return props;
    }

    @Test
    void aMisspelledOptionalKey_isWarnedAboutWithTheClosestKnownKey() {
        Map<String, String> props = minimal();
        props.put("offset.flush.interval.msx", "1000");
        props.put("totally.made.up", "1");

        List<String> warnings = warningsFor(props);

        assertThat(warnings).containsExactly("The worker configuration has settings that nothing reads: "
                + "'offset.flush.interval.msx' (did you mean 'offset.flush.interval.ms'?), 'totally.made.up'. They are "
                + "ignored and the defaults used; fix the spelling, or remove them. (A REST extension or metrics "
                + "reporter that reads its own top-level settings is the exception: then this warning is expected.)");
    }

    @Test
    void clientSettings_prefixedSettingsAndRemovedOnes_areKnown() {
        Map<String, String> props = minimal();
        props.put("security.protocol", "PLAINTEXT");
        props.put("linger.ms", "5");
        props.put("group.instance.id", "w1");
        props.put("producer.compression.type", "zstd");
        props.put("consumer.max.poll.records", "100");
        props.put("admin.request.timeout.ms", "1000");
        props.put("value.converter.schemas.enable", "false");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("listeners.https.ssl.keystore.location", "/k");
        props.put("offset.storage.replication.factor", "3");
        props.put("topic.creation.default.partitions", "1");
        props.put("rest.port", "8083");

        assertThat(UnknownWorkerKeys.describe(StandaloneConfig.configDef(), props)).isEmpty();
        assertThat(warningsFor(props)).isEmpty();
    }

    @Test
    void distributedKeys_areKnownToADistributedWorker() {
        Map<String, String> props = minimal();
        props.remove("offset.storage.file.filename");
        props.put("group.id", "g");
        props.put("config.storage.topic", "c");
        props.put("offset.storage.topic", "o");
        props.put("status.storage.topic", "s");
        props.put("sesion.timeout.ms", "10000");

        assertThat(UnknownWorkerKeys.describe(DistributedConfig.configDef(), props))
                .containsExactly("'sesion.timeout.ms' (did you mean 'session.timeout.ms'?)");
    }

    private static List<String> warningsFor(Map<String, String> props) {
        Logger logger = (Logger) LoggerFactory.getLogger(UnknownWorkerKeys.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            new StandaloneConfig(props);
        } finally {
            logger.detachAppender(logged);
        }
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
