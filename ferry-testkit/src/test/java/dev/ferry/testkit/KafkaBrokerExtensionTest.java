package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small sample test classes through a JUnit launcher of their own, so that the end of that
 * run plays the part of the end of the test JVM, and checks which broker each sample was given.
 */
class KafkaBrokerExtensionTest {

    /** The broker each sample saw, by sample name; filled while the samples run. */
    private static final Map<String, KafkaBroker> SEEN = new ConcurrentHashMap<>();

    private static volatile boolean samplesEnabled;

    @Test
    void brokers_areSharedByDefault_dedicatedOnRequest_andClosedWhenTheRunEnds() {
        TestExecutionSummary summary = runSamples(SharedSample.class, AnotherSharedSample.class,
                DedicatedSample.class, OtherPropertiesSample.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(5);
        KafkaBroker shared = SEEN.get("shared");
        assertThat(SEEN.get("shared-constructor")).isSameAs(shared);
        assertThat(SEEN.get("shared-nested")).isSameAs(shared);
        assertThat(SEEN.get("another-shared")).isSameAs(shared);
        assertThat(SEEN.get("dedicated")).isNotSameAs(shared);
        assertThat(SEEN.get("other-properties")).isNotSameAs(shared).isNotSameAs(SEEN.get("dedicated"));
        assertThat(SEEN.values()).allSatisfy(broker ->
                assertThatThrownBy(broker::bootstrapServers).hasMessageContaining("not running"));
    }

    private static TestExecutionSummary runSamples(Class<?>... samples) {
        SEEN.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(List.of(samples).stream().map(c -> selectClass(c)).toList())
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        samplesEnabled = true;
        try {
            launcher.execute(request, listener);
        } finally {
            samplesEnabled = false;
        }
        return listener.getSummary();
    }

    static boolean samplesEnabled() {
        return samplesEnabled;
    }

    /** Records a broker seen by a sample, after checking it is running. */
    private static void seen(String sample, KafkaBroker broker) {
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        SEEN.put(sample, broker);
    }

    @WithKafka
    @EnabledIf("dev.ferry.testkit.KafkaBrokerExtensionTest#samplesEnabled")
    static class SharedSample {

        SharedSample(KafkaBroker broker) {
            seen("shared-constructor", broker);
        }

        @Test
        void test(KafkaBroker broker) {
            seen("shared", broker);
        }

        @Nested
        class NestedSample {
            @Test
            void test(KafkaBroker broker) {
                seen("shared-nested", broker);
            }
        }
    }

    @WithKafka
    @EnabledIf("dev.ferry.testkit.KafkaBrokerExtensionTest#samplesEnabled")
    static class AnotherSharedSample {
        @Test
        void test(KafkaBroker broker) {
            seen("another-shared", broker);
        }
    }

    @WithKafka(dedicated = true)
    @EnabledIf("dev.ferry.testkit.KafkaBrokerExtensionTest#samplesEnabled")
    static class DedicatedSample {
        @Test
        void test(KafkaBroker broker) {
            seen("dedicated", broker);
        }
    }

    @WithKafka(brokerProperties = "log.retention.ms=60000")
    @EnabledIf("dev.ferry.testkit.KafkaBrokerExtensionTest#samplesEnabled")
    static class OtherPropertiesSample {
        @Test
        void test(KafkaBroker broker) {
            seen("other-properties", broker);
        }
    }
}
