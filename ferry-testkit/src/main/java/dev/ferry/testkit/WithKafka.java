package dev.ferry.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a running {@link KafkaBroker}: declare a parameter of that type on
 * the constructor, a lifecycle method or a test method and it is injected, started.
 *
 * <pre>{@code
 * @WithKafka
 * class OrderSinkTest {
 *     @Test
 *     void writesOrders(KafkaBroker broker) {
 *         broker.createTopic("orders", 1, Map.of());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>By default the broker is shared: every class in the test JVM that asks for the same
 * {@link #brokerProperties()} gets the same broker, started on first use and closed when the
 * JVM's tests are done, because a start costs seconds and a class rarely needs a clean broker.
 * Shared classes should therefore use their own topic and group names. A class that needs a
 * broker nobody else touches sets {@link #dedicated()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafka {

    /**
     * Whether the class gets a broker of its own, started for it and closed after its last test,
     * instead of the broker shared with other classes.
     */
    boolean dedicated() default false;

    /** Broker properties as {@code key=value}, e.g. {@code "log.retention.ms=1000"}. */
    String[] brokerProperties() default {};
}
