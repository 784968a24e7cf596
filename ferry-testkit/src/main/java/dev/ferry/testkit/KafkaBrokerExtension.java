package dev.ferry.testkit;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithKafka}: it resolves parameters of type
 * {@link KafkaBroker} with a started broker.
 *
 * <p>Brokers live in JUnit's extension stores, which close stored {@link AutoCloseable} values
 * when their scope ends. A shared broker is kept in the root store, keyed by its broker
 * properties, so it outlives single classes and is closed when the test run in this JVM ends; a
 * dedicated one is kept in its class's store and closed after that class. Brokers start lazily,
 * on the first parameter that needs them, so annotated classes that inject nothing start nothing.
 *
 * <p>Registered directly (through {@code @ExtendWith} without {@link WithKafka}) it behaves as
 * {@code @WithKafka} with defaults.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public KafkaBroker resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<Annotated> annotated = findAnnotation(context);
        Map<String, String> properties = annotated
                .map(a -> PropertyPairs.parse(a.annotation().brokerProperties(),
                        "@WithKafka on " + a.testClass().getName()))
                .orElse(Map.of());
        if (annotated.isPresent() && annotated.get().annotation().dedicated()) {
            ExtensionContext owner = contextOf(annotated.get().testClass(), context);
            return owner.getStore(NAMESPACE).getOrComputeIfAbsent(
                    "dedicated-broker", key -> startBroker(properties), KafkaBroker.class);
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                "shared-broker " + properties, key -> startBroker(properties), KafkaBroker.class);
    }

    private static KafkaBroker startBroker(Map<String, String> properties) {
        return KafkaBroker.builder().brokerProperties(properties).build().start();
    }

    /** The annotation on the test class or, for {@code @Nested} classes, on an enclosing one. */
    private static Optional<Annotated> findAnnotation(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<WithKafka> annotation = AnnotationSupport.findAnnotation(c, WithKafka.class);
            if (annotation.isPresent()) {
                return Optional.of(new Annotated(c, annotation.get()));
            }
        }
        return Optional.empty();
    }

    /** The context of the annotated class (an enclosing one for {@code @Nested} classes). */
    private static ExtensionContext contextOf(Class<?> testClass, ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getElement().filter(testClass::equals).isPresent()) {
                return c;
            }
        }
        throw new IllegalStateException("No JUnit context for " + testClass.getName() + " above " + context.getUniqueId()
                + "; @WithKafka(dedicated = true) must be on the test class or a class enclosing it");
    }

    private record Annotated(Class<?> testClass, WithKafka annotation) {
    }
}
