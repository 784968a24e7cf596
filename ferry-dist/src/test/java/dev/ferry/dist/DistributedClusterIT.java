package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Ferry cluster of real worker processes on one broker, with Apache's default group timeouts:
 * connectors and tasks spread evenly and run exactly once, a joining worker takes its share
 * without restarting tasks that stay put, requests to a follower during a rebalance succeed, and
 * a worker killed with SIGKILL has its work running elsewhere within session.timeout.ms + 5 s
 * with no record lost. The steps share one cluster and run in order.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "ferry-cluster-it";
    private static final int[] TASKS_MAX = {1, 2, 3, 4, 2, 3};
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    private Path dir;
    private KafkaBroker broker;
    private final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    void startThreeWorkers(KafkaBroker broker, @TempDir Path dir) throws Exception {
        this.broker = broker;
        this.dir = dir;
        for (int i = 0; i < TASKS_MAX.length; i++) {
            broker.createTopic("spread-" + i, 4, Map.of());
        }
        List<WorkerProcess.Start> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path workerDir = dir.resolve("worker-" + i);
            starts.add(() -> WorkerProcess.startDistributed(workerDir, broker.bootstrapServers(), GROUP, Map.of()));
        }
        workers.addAll(WorkerProcess.startTogether(starts));
        for (WorkerProcess worker : workers) {
            worker.await(Duration.ofSeconds(60), "worker joined the group",
                    () -> worker.json("/health").path("status").asText().equals("healthy"));
        }
    }

    @AfterAll
    void stopWorkers() throws InterruptedException {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
    }

    @Test
    @Order(1)
    void threeWorkers_sixConnectors_everyTaskRunsExactlyOnceAndEvenly() throws Exception {
        for (int i = 0; i < TASKS_MAX.length; i++) {
            // Round-robin over the workers: followers forward the create to the leader.
            HttpResponse<String> created = workers.get(i % 3).post("/connectors", sinkConnector("spread-" + i, TASKS_MAX[i]));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        int totalTasks = java.util.Arrays.stream(TASKS_MAX).sum();
        Map<String, TaskPlace> places = awaitAllRunning(workers, totalTasks);

        Map<String, Integer> tasksPerWorker = countBy(places, false);
        Map<String, Integer> connectorsPerWorker = countBy(places, true);
        assertThat(tasksPerWorker.keySet()).hasSize(3);
        assertThat(spread(tasksPerWorker)).as("tasks per worker %s", tasksPerWorker).isLessThanOrEqualTo(1);
        assertThat(spread(connectorsPerWorker)).as("connectors per worker %s", connectorsPerWorker).isLessThanOrEqualTo(1);
        // Each sink task is one consumer of its connector's group: a task running twice would show as an extra member.
        try (Admin admin = Admin.create(broker.adminConfig())) {
            for (int i = 0; i < TASKS_MAX.length; i++) {
                int expected = TASKS_MAX[i];
                String group = "connect-spread-" + i;
                workers.get(0).await(Duration.ofSeconds(30), group + " has " + expected + " members",
                        () -> describe(admin, group).members().size() == expected);
            }
        }
    }

    @Test
    @Order(2)
    void fourthWorker_takesItsShare_withoutRestartingTasksThatStay() throws Exception {
        Map<String, TaskPlace> before = awaitAllRunning(workers, java.util.Arrays.stream(TASKS_MAX).sum());
        Map<String, Integer> generationsBefore = statusGenerations();
        WorkerProcess fourth = WorkerProcess.startDistributed(dir.resolve("worker-3"), broker.bootstrapServers(), GROUP,
                Map.of());
        workers.add(fourth);
        Map<String, TaskPlace>[] after = new Map[1];
        fourth.await(Duration.ofSeconds(60), "the fourth worker runs its share", () -> {
            after[0] = allRunning(workers.get(0), java.util.Arrays.stream(TASKS_MAX).sum());
            return after[0] != null && countBy(after[0], false).getOrDefault(fourth.workerId(), 0) >= 3;
        });
        Map<String, Integer> tasksPerWorker = countBy(after[0], false);
        assertThat(tasksPerWorker).hasSize(4);
        assertThat(spread(tasksPerWorker)).as("tasks per worker %s", tasksPerWorker).isLessThanOrEqualTo(1);
        Map<String, Integer> generationsAfter = statusGenerations();
        int stayed = 0;
        for (Map.Entry<String, TaskPlace> e : before.entrySet()) {
            TaskPlace now = after[0].get(e.getKey());
            if (!e.getValue().connector() && now.workerId().equals(e.getValue().workerId())) {
                stayed++;
                assertThat(generationsAfter.get(e.getKey())).as("%s stayed on %s, so it was not restarted",
                        e.getKey(), now.workerId()).isEqualTo(generationsBefore.get(e.getKey()));
            }
        }
        assertThat(stayed).as("most tasks stay where they were").isGreaterThanOrEqualTo(9);
    }

    @Test
    @Order(3)
    void requestToAFollower_duringARebalance_succeeds() throws Exception {
        WorkerProcess leaving = workers.remove(workers.size() - 1);
        Thread stopper = new Thread(() -> {
            try {
                leaving.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        // The leaving worker's SIGTERM starts a rebalance; a create sent meanwhile must not see a 409.
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(workers.get(1 + i % 2).post("/connectors", sinkConnector("during-rebalance-" + i, 1)
                    .replace("\"topics\":\"during-rebalance-" + i + "\"", "\"topics\":\"spread-0\"")));
            Thread.sleep(300);
        }
        stopper.join();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        }
        awaitAllRunning(workers, java.util.Arrays.stream(TASKS_MAX).sum() + 3);
    }

    @Test
    @Order(4)
    void killDashNine_tasksRunElsewhereWithinSessionTimeoutPlusFive_andNoRecordIsLost() throws Exception {
        broker.createTopic("failover", 1, Map.of());
        Path input = dir.resolve("failover-input.txt");
        Path output = dir.resolve("failover-output.txt");
        Files.createFile(input);
        WorkerProcess client = workers.get(0);
        assertThat(client.post("/connectors", "{\"name\":\"failover-source\",\"config\":{\"connector.class\":"
                + "\"FileStreamSource\",\"file\":\"" + input + "\",\"topic\":\"failover\"}}").statusCode()).isEqualTo(201);
        assertThat(client.post("/connectors", "{\"name\":\"failover-sink\",\"config\":{\"connector.class\":"
                + "\"FileStreamSink\",\"file\":\"" + output + "\",\"topics\":\"failover\"}}").statusCode()).isEqualTo(201);
        int totalTasks = java.util.Arrays.stream(TASKS_MAX).sum() + 3 + 2;
        awaitAllRunning(workers, totalTasks);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                appendLines(input, written.get(), written.get() + 100);
                written.addAndGet(100);
                sleep(50);
            }
        });
        writer.start();
        try {
            client.await(Duration.ofSeconds(30), "records flowing", () -> lineCount(output) > 2000);
            String sourceWorker = client.json("/connectors/failover-source/status").path("tasks").get(0)
                    .path("worker_id").asText();
            WorkerProcess victim = workers.stream().filter(w -> w.workerId().equals(sourceWorker)).findFirst()
                    .orElseThrow();
            if (victim == client) {
                client = workers.get(1);
            }
            Set<String> victimWork = new HashSet<>();
            allRunning(client, totalTasks).forEach((task, place) -> {
                if (place.workerId().equals(victim.workerId())) {
                    victimWork.add(task);
                }
            });
            long killedAt = System.nanoTime();
            victim.kill9();
            workers.remove(victim);
            WorkerProcess observer = client;
            observer.await(SESSION_TIMEOUT.plusSeconds(25), "the dead worker's tasks running elsewhere", () -> {
                Map<String, TaskPlace> places = allRunning(observer, totalTasks);
                return places != null && places.values().stream().noneMatch(p -> p.workerId().equals(victim.workerId()));
            });
            Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.printf("Failover of %d task(s) after kill -9: %d ms%n", victimWork.size(), failover.toMillis());
            assertThat(failover).as("kill -9 to every task RUNNING elsewhere").isLessThanOrEqualTo(SESSION_TIMEOUT.plusSeconds(5));
            // lines written once the tasks run elsewhere, too, must arrive
            int atFailover = written.get();
            observer.await(Duration.ofSeconds(30), "1000 lines written after the failover",
                    () -> written.get() >= atFailover + 1000);
        } finally {
            writing.set(false);
            writer.join();
        }
        int lines = written.get();
        client.await(Duration.ofSeconds(120), "all " + lines + " lines in the sink file",
                () -> distinctLines(output).size() >= lines);
        Set<String> arrived = distinctLines(output);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            if (!arrived.contains(line(i))) {
                missing.add(line(i));
            }
        }
        assertThat(missing).as("lines written before, during and after the kill that never arrived").isEmpty();
    }

    @Test
    @Order(5)
    void clusterScopeLogLevel_reachesEveryWorker() {
        HttpResponse<String> set = workers.get(0).put("/admin/loggers/org.apache.kafka.connect.file?scope=cluster",
                "{\"level\":\"DEBUG\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        for (WorkerProcess worker : workers) {
            worker.await(Duration.ofSeconds(15), "the cluster log level applied on " + worker.workerId(),
                    () -> "DEBUG".equals(worker.json("/admin/loggers/org.apache.kafka.connect.file").path("level").asText()));
        }
    }

    @Test
    @Order(6)
    void leaderKilled_aWriteSentToTheSurvivorRetriesUntilThereIsANewLeader() throws Exception {
        WorkerProcess leader = workers.stream().filter(DistributedClusterIT::leads).findFirst().orElseThrow();
        WorkerProcess survivor = workers.stream().filter(w -> w != leader).findFirst().orElseThrow();
        leader.kill9();
        workers.remove(leader);
        HttpResponse<String> created = survivor.post("/connectors", sinkConnector("after-leader-died", 1)
                .replace("\"topics\":\"after-leader-died\"", "\"topics\":\"spread-0\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        survivor.awaitState("after-leader-died", "RUNNING", 1, Duration.ofSeconds(60));
    }

    /** Whether the worker's latest join made it the leader (its log says so). */
    private static boolean leads(WorkerProcess worker) {
        String log = worker.logText();
        int last = log.lastIndexOf("Joined generation");
        return last >= 0 && log.startsWith("Joined generation", last) && log.indexOf(" as leader ", last) > 0
                && log.indexOf(" as leader ", last) < log.indexOf('\n', last);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static String sinkConnector(String topic, int tasksMax) {
        return "{\"name\":\"" + topic + "\",\"config\":{\"connector.class\":\"FileStreamSink\",\"tasks.max\":\""
                + tasksMax + "\",\"file\":\"/dev/null\",\"topics\":\"" + topic + "\"}}";
    }

    /** Where a connector (key {@code name}) or task (key {@code name-n}) runs. */
    private record TaskPlace(String workerId, boolean connector) {
    }

    private static Map<String, TaskPlace> awaitAllRunning(List<WorkerProcess> workers, int tasks) {
        Map<String, TaskPlace>[] result = new Map[1];
        workers.get(0).await(Duration.ofSeconds(90), tasks + " tasks RUNNING", () -> {
            result[0] = allRunning(workers.get(0), tasks);
            return result[0] != null;
        });
        return result[0];
    }

    /** Every connector and task with its place, or null unless all are RUNNING and there are {@code tasks} tasks. */
    private static Map<String, TaskPlace> allRunning(WorkerProcess worker, int tasks) throws IOException {
        HttpResponse<String> response = worker.get("/connectors?expand=status");
        if (response.statusCode() != 200) {
            return null;
        }
        Map<String, TaskPlace> places = new TreeMap<>();
        int taskCount = 0;
        JsonNode all = JSON.readTree(response.body());
        for (var it = all.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode status = entry.getValue().path("status");
            JsonNode connector = status.path("connector");
            if (!"RUNNING".equals(connector.path("state").asText())) {
                return null;
            }
            places.put(entry.getKey(), new TaskPlace(connector.path("worker_id").asText(), true));
            for (JsonNode task : status.path("tasks")) {
                if (!"RUNNING".equals(task.path("state").asText())) {
                    return null;
                }
                taskCount++;
                places.put(entry.getKey() + "-" + task.path("id").asInt(),
                        new TaskPlace(task.path("worker_id").asText(), false));
            }
        }
        return taskCount == tasks ? places : null;
    }

    /**
     * The generation in each task's latest status record (the REST status has none). A task that
     * was restarted wrote a new record in a newer generation.
     */
    private Map<String, Integer> statusGenerations() throws IOException {
        Map<String, Integer> generations = new TreeMap<>();
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        config.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        config.remove("group.id");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config)) {
            var partitions = consumer.partitionsFor(GROUP + "-status").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith("status-task-")) {
                        String task = record.key().substring("status-task-".length());
                        if (record.value() == null) {
                            generations.remove(task);
                        } else {
                            generations.put(task, JSON.readTree(record.value()).path("generation").asInt());
                        }
                    }
                }
            }
        }
        return generations;
    }

    private static Map<String, Integer> countBy(Map<String, TaskPlace> places, boolean connectors) {
        Map<String, Integer> counts = new HashMap<>();
        places.values().stream().filter(p -> p.connector() == connectors)
                .forEach(p -> counts.merge(p.workerId(), 1, Integer::sum));
        return counts;
    }

    private static int spread(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                - counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    }

    private static String line(int i) {
        return String.format("line %07d", i);
    }

    private static void appendLines(Path file, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(line(i)).append('\n');
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static Set<String> distinctLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try (var lines = Files.lines(file)) {
            return new HashSet<>(lines.toList());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
