package dev.ferry.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.errors.ManualTime;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {
    private static final ConnectorTaskId ID = new ConnectorTaskId("c", 1);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StatusListener listener = new StatusListener() {
        @Override
        public void connectorState(String connector, State state, Throwable cause) {
        }

        @Override
        public void taskState(ConnectorTaskId task, State state, Throwable cause) {
            events.add(state + (cause == null ? "" : ":" + cause.getMessage()));
        }

        @Override
        public void topicUsed(ConnectorTaskId task, String topic) {
        }

        @Override
        public void taskReconfigurationRequested(String connector) {
        }
    };

    @Test
    void taskThatStopsNormally_reportsRunningThenUnassigned_onAThreadNamedForIt() throws Exception {
        LoopingRunner runner = new LoopingRunner(TargetState.STARTED, null);
        Thread thread = new Thread(runner);
        thread.start();
        assertThat(runner.looping.await(10, TimeUnit.SECONDS)).isTrue();

        runner.stop();

        assertThat(runner.awaitStop(10_000)).isTrue();
        assertThat(runner.threadName).isEqualTo("task-thread-c-1");
        assertThat(events).containsExactly("RUNNING", "UNASSIGNED");
        assertThat(runner.closed).isTrue();
    }

    @Test
    void taskThatThrows_reportsFailedWithTheException_afterClosing() {
        LoopingRunner runner = new LoopingRunner(TargetState.STARTED, new IllegalStateException("broken"));

        runner.run();

        assertThat(events).containsExactly("RUNNING", "FAILED:broken");
        assertThat(runner.closed).isTrue();
    }

    @Test
    void taskThatThrowsAfterBeingAskedToStop_reportsUnassigned_asApacheDoes() throws Exception {
        LoopingRunner runner = new LoopingRunner(TargetState.STARTED, null);
        runner.failOnStop = new IllegalStateException("reader closed under me");
        startAndAwaitLooping(runner);

        runner.stop();

        assertThat(runner.awaitStop(10_000)).isTrue();
        assertThat(events).containsExactly("RUNNING", "UNASSIGNED");
        assertThat(runner.closed).isTrue();
    }

    @Test
    void taskWhoseResourcesCannotBeReleasedOnStop_reportsFailed() throws Exception {
        LoopingRunner runner = new LoopingRunner(TargetState.STARTED, null);
        runner.failOnClose = new IllegalStateException("final commit refused");
        startAndAwaitLooping(runner);

        runner.stop();

        assertThat(runner.awaitStop(10_000)).isTrue();
        assertThat(events).containsExactly("RUNNING", "FAILED:final commit refused");
    }

    @Test
    void taskStartedPaused_waitsBeforeStarting_andReportsRunningWhenResumed() throws Exception {
        LoopingRunner runner = new LoopingRunner(TargetState.PAUSED, null);
        Thread thread = new Thread(runner);
        thread.start();
        awaitEvents(List.of("PAUSED"));
        assertThat(runner.started).isFalse();

        runner.transitionTo(TargetState.STARTED);
        assertThat(runner.looping.await(10, TimeUnit.SECONDS)).isTrue();
        runner.stop();

        assertThat(runner.awaitStop(10_000)).isTrue();
        assertThat(events).containsExactly("PAUSED", "RUNNING", "UNASSIGNED");
    }

    @Test
    void cancelledTask_reportsNothingMore() throws Exception {
        LoopingRunner runner = new LoopingRunner(TargetState.STARTED, null);
        Thread thread = new Thread(runner);
        thread.start();
        assertThat(runner.looping.await(10, TimeUnit.SECONDS)).isTrue();

        runner.cancel();
        runner.stop();

        assertThat(runner.awaitStop(10_000)).isTrue();
        assertThat(events).containsExactly("RUNNING");
    }

    private static void startAndAwaitLooping(LoopingRunner runner) throws InterruptedException {
        new Thread(runner).start();
        assertThat(runner.looping.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitEvents(List<String> expected) throws InterruptedException {
        for (int i = 0; i < 200 && !events.equals(expected); i++) {
            Thread.sleep(10);
        }
        assertThat(events).isEqualTo(expected);
    }

    /** Loops until stopped, or throws {@code failure} from its loop. */
    private final class LoopingRunner extends TaskRunner {
        private final RuntimeException failure;
        private final CountDownLatch looping = new CountDownLatch(1);
        private volatile String threadName;
        private volatile boolean started;
        private volatile boolean closed;
        private volatile RuntimeException failOnStop;
        private volatile RuntimeException failOnClose;

        LoopingRunner(TargetState initial, RuntimeException failure) {
            super(ID, initial, listener, TaskRunnerTest.class.getClassLoader(), new ManualTime(0));
            this.failure = failure;
        }

        @Override
        protected void initializeAndStart() {
            started = true;
            threadName = Thread.currentThread().getName();
        }

        @Override
        protected void execute() {
            if (failure != null) {
                throw failure;
            }
            looping.countDown();
            while (!isStopping()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (failOnStop != null) {
                throw failOnStop;
            }
        }

        @Override
        protected void close() {
            closed = true;
            if (failOnClose != null) {
                throw failOnClose;
            }
        }
    }
}
