package dev.ferry.runtime.task;

import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * One entry of a connector's {@code transforms} list: the configured transformation, and the
 * predicate (possibly negated) that decides which records it applies to.
 *
 * @param alias          the alias in {@code transforms}, for messages
 * @param transformation the configured transformation
 * @param predicate      the configured predicate, or null to apply to every record
 * @param negate         {@code transforms.<alias>.negate}: apply where the predicate does not match
 */
public record TransformStep<R extends ConnectRecord<R>>(
        String alias, Transformation<R> transformation, Predicate<R> predicate, boolean negate) {

    /** Runs the step on one record: the transformed record, the record unchanged, or null to drop it. */
    R apply(R record) {
        if (predicate != null) {
            boolean matches;
            ClassLoader previous = Plugins.enterLoaderOf(predicate);
            try {
                matches = predicate.test(record);
            } finally {
                LoaderSwap.exit(previous);
            }
            if (matches == negate) {
                return record;
            }
        }
        ClassLoader previous = Plugins.enterLoaderOf(transformation);
        try {
            return transformation.apply(record);
        } finally {
            LoaderSwap.exit(previous);
        }
    }

    void close() {
        try (LoaderSwap ignored = Plugins.swapLoaderOf(transformation)) {
            transformation.close();
        }
        if (predicate != null) {
            try (LoaderSwap ignored = Plugins.swapLoaderOf(predicate)) {
                predicate.close();
            }
        }
    }
}
