package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The exact text of the worker configuration errors people meet most: a missing required key and a
 * value of the wrong type. Pinned whole, so that a change to how the parts are joined (the cause of
 * "Not a number of type LONG Fix ...") shows up here and is made on purpose.
 */
class WorkerConfigMessagesTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        return props;
    }

    @Test
    void aValueOfTheWrongType_isOneSentenceThenTheFix() {
        Map<String, String> props = minimal();
        props.put("offset.flush.interval.ms", "soon");

        assertThatThrownBy(() -> new StandaloneConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The worker configuration has 1 problem(s):\n"
                        + "  - offset.flush.interval.ms: Invalid value soon for configuration offset.flush.interval.ms: "
                        + "Not a number of type LONG. Fix 'offset.flush.interval.ms' in the worker properties "
                        + "(or CONNECT_OFFSET_FLUSH_INTERVAL_MS).");
    }

    @Test
    void aMissingRequiredKey_saysWhatToAddAndTheVariableThatSetsIt() {
        Map<String, String> props = minimal();
        props.remove("bootstrap.servers");

        assertThatThrownBy(() -> new StandaloneConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The worker configuration has 1 problem(s):\n"
                        + "  - bootstrap.servers: Missing required configuration \"bootstrap.servers\" which has no "
                        + "default value. Add 'bootstrap.servers=localhost:9092' to the worker properties, or set "
                        + "CONNECT_BOOTSTRAP_SERVERS in the environment.");
    }

    @Test
    void aValueOutsideItsRange_namesTheValidValuesOnce() {
        Map<String, String> props = minimal();
        props.put("plugin.discovery", "sometimes");

        assertThatThrownBy(() -> new StandaloneConfig(props))
                .message()
                .doesNotContain("..")
                .doesNotContainPattern("[a-z\\]] Fix")
                .endsWith(". Fix 'plugin.discovery' in the worker properties (or CONNECT_PLUGIN_DISCOVERY).");
    }
}
