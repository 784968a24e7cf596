package dev.ferry.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from a JFR recording {@code ./benchmarks/run jdbc --profile} left in a worker's or a
 * ceiling's directory: the methods most often on top of the execution samples (self time) and most often anywhere
 * in them (inclusive time), optionally only for threads whose name contains a given text (the task thread,
 * {@code task-thread}, or the ceiling's {@code main}). JDK 17 has no {@code jfr view}; this is the part of it needed.
 *
 * <pre>java -cp 'benchmarks/target/ferry-benchmarks.jar:benchmarks/target/lib/*' dev.ferry.benchmarks.JdbcProfile \
 *     benchmarks/target/run/jdbc/source-bulk-connector-1/recording.jfr [thread-name-part] [rows]</pre>
 */
public final class JdbcProfile {

    private JdbcProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("Usage: JdbcProfile recording.jfr [thread-name-part] [rows to print, default 25]");
            System.exit(2);
        }
        String thread = args.length > 1 ? args[1] : "";
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        for (RecordedEvent event : events) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String name = event.getThread("sampledThread") == null ? "?"
                    : String.valueOf(event.getThread("sampledThread").getJavaName());
            threads.merge(name, 1, Integer::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (!name.contains(thread) || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(method(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(method(frame))) {
                    inclusive.merge(method(frame), 1, Integer::sum);
                }
            }
        }
        System.out.println("Samples per thread (all threads):");
        print(threads, threads.values().stream().mapToInt(Integer::intValue).sum(), 10);
        System.out.printf("%nSelf (top frame), %d samples of threads matching '%s':%n", samples, thread);
        print(self, samples, top);
        System.out.printf("%nInclusive (anywhere in the stack):%n");
        print(inclusive, samples, top);
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6.1f%%  %7d  %s%n", 100.0 * e.getValue() / total, e.getValue(),
                        e.getKey()));
    }
}
