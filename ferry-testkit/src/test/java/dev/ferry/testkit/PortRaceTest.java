package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ports are picked, released, then bound by the server, so another process can take one in
 * between. Regression: a taken controller port made Kafka's fault handler end the whole test JVM.
 */
class PortRaceTest {

    @ParameterizedTest(name = "taken {0} port")
    @ValueSource(strings = {"broker", "controller"})
    void start_whenAPickedPortIsTakenMeanwhile_retriesWithFreshPorts(String taken) throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger picks = new AtomicInteger();
            KafkaBroker broker = KafkaBroker.builder()
                    .portPicker(count -> {
                        int[] ports = LoopbackPorts.pick(count);
                        if (picks.getAndIncrement() == 0) {
                            ports[taken.equals("broker") ? 0 : 1] = squatter.getLocalPort();
                        }
                        return ports;
                    })
                    .build();

            try (broker) {
                broker.start();

                assertThat(picks).hasValue(2);
                assertThat(broker.bootstrapServers()).doesNotEndWith(":" + squatter.getLocalPort());
                broker.createTopic("after-port-race", 1);
            }
        }
    }
}
