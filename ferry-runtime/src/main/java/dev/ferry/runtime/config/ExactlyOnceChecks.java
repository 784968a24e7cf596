package dev.ferry.runtime.config;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;

/**
 * The exactly-once preflight of source connector validation (KIP-618), as Apache's distributed
 * herder runs it: with {@code exactly.once.support=required} the worker must have exactly-once
 * source support enabled and the connector's {@code exactlyOnceSupport(config)} must answer
 * SUPPORTED; with {@code transaction.boundary=connector} its
 * {@code canDefineTransactionBoundaries(config)} must answer SUPPORTED. Each refusal is an error
 * on that setting, in Apache's words followed by what to change. A setting that already has an
 * error is not checked further, and the connector is not asked at all when nothing requires it.
 *
 * <p>Thread contract: stateless; runs plugin code on the caller's thread (with the plugin's loader
 * already set by {@link ConnectorConfigValidator}).
 */
final class ExactlyOnceChecks {

    private ExactlyOnceChecks() {
    }

    /**
     * Adds the errors of the exactly-once preflight to {@code validated}.
     *
     * @param workerEnabled whether the worker has {@code exactly.once.source.support=enabled}
     */
    static void check(SourceConnector connector, Map<String, String> config, Map<String, ConfigValue> validated,
                      boolean workerEnabled) {
        ConfigValue support = validated.get(SourceConnectorConfig.EXACTLY_ONCE_SUPPORT_CONFIG);
        if (support != null && support.errorMessages().isEmpty()
                && SourceConnectorConfig.EXACTLY_ONCE_SUPPORT_REQUIRED.equalsIgnoreCase(String.valueOf(support.value()).trim())) {
            if (!workerEnabled) {
                support.addErrorMessage("This worker does not have exactly-once source support enabled. "
                        + "Set exactly.once.source.support=enabled on every worker of the cluster (distributed mode only), "
                        + "or use exactly.once.support=requested.");
            } else {
                ExactlyOnceSupport answer = askConnector(() -> connector.exactlyOnceSupport(config), support, "exactlyOnceSupport");
                if (answer == null && support.errorMessages().isEmpty()) {
                    // SourceConnector's default answer: the connector predates KIP-618's preflight API.
                    support.addErrorMessage("The connector does not implement the API required for preflight validation "
                            + "of exactly-once source support (exactlyOnceSupport() returned null). Check the connector's "
                            + "documentation for whether it is exactly-once, then consider exactly.once.support=requested, "
                            + "which skips this check and lets the connector be created.");
                } else if (answer != null && answer != ExactlyOnceSupport.SUPPORTED) {
                    support.addErrorMessage("The connector does not support exactly-once semantics with the provided "
                            + "configuration (exactlyOnceSupport() returned " + answer + "). Use exactly.once.support=requested, "
                            + "or check the connector's documentation for settings that make it exactly-once.");
                }
            }
        }
        ConfigValue boundary = validated.get(SourceConnectorConfig.TRANSACTION_BOUNDARY_CONFIG);
        if (boundary != null && boundary.errorMessages().isEmpty() && boundary.value() != null
                && TransactionBoundary.fromProperty(boundary.value().toString()) == TransactionBoundary.CONNECTOR) {
            ConnectorTransactionBoundaries answer = askConnector(() -> connector.canDefineTransactionBoundaries(config),
                    boundary, "canDefineTransactionBoundaries");
            if (answer != null && answer != ConnectorTransactionBoundaries.SUPPORTED) {
                boundary.addErrorMessage("The connector does not support connector-defined transaction boundaries with the "
                        + "given configuration (canDefineTransactionBoundaries() returned " + answer + "). Use "
                        + "transaction.boundary=poll or interval.");
            }
        }
    }

    private static <T> T askConnector(Supplier<T> question, ConfigValue target, String method) {
        try {
            T answer = question.get();
            if (answer == null && !"exactlyOnceSupport".equals(method)) {
                target.addErrorMessage("The connector's " + method + "() returned null, which is not permitted; it is "
                        + "treated as UNSUPPORTED. This is a bug in the connector.");
            }
            return answer;
        } catch (Throwable e) {
            target.addErrorMessage("The connector's " + method + "() failed: " + ConnectorConfigValidator.failure(e));
            return null;
        }
    }
}
