package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU read from {@code /proc} for the JDBC benchmark, to say what bounds a transfer: the measured JVM (worker or
 * ceiling) per thread, every PostgreSQL process (the server is a child of this benchmark, its backends the
 * server's children; a backend that exits inside the window is counted through the server's {@code cutime}), and
 * the broker, and the whole machine. {@link #snapshot} is taken at both ends of a transfer's window; {@link Usage}
 * is the difference.
 */
final class JdbcCpu {
    private final double ticksPerSecond;
    private final long brokerPid;

    JdbcCpu(ProcStats stats, long brokerPid) {
        this.ticksPerSecond = stats.clockTicksPerSecond();
        this.brokerPid = brokerPid;
    }

    /** CPU seconds so far: the measured JVM's threads by name, PostgreSQL's processes by pid, the broker. */
    record Snapshot(long nanos, double measured, Map<String, Double> threads, double postgres,
            Map<Long, Double> backends, double broker, double machine) {
    }

    /**
     * CPU inside a window.
     *
     * @param measured the measured JVM's user + system seconds
     * @param threads the measured JVM's seconds per thread name (threads of one name summed), largest first
     * @param postgres all PostgreSQL processes' seconds
     * @param busiestBackend the seconds of the PostgreSQL process that used the most (the connector's backend, as
     *     a rule)
     * @param broker the broker's seconds
     * @param machine the whole machine's busy seconds, all CPUs and processes (other users' work included), from
     *     {@code /proc/stat}: near the number of CPUs means the transfer was bound by CPU, not by waiting
     */
    record Usage(double seconds, double measured, Map<String, Double> threads, double postgres, double busiestBackend,
            double broker, double machine) {
    }

    Snapshot snapshot(long measuredPid) {
        long now = System.nanoTime();
        double measured = ticks(stat(Path.of("/proc", Long.toString(measuredPid), "stat")), false);
        Map<String, Double> threads = threads(measuredPid);
        Map<Long, Double> backends = new HashMap<>();
        double postgres = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
            long pid = p.pid();
            String comm = comm(Path.of("/proc", Long.toString(pid), "comm"));
            if (!"postgres".equals(comm)) {
                continue;
            }
            String[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
            if (stat == null) {
                continue;
            }
            boolean server = p.parent().map(parent -> !"postgres".equals(
                    comm(Path.of("/proc", Long.toString(parent.pid()), "comm")))).orElse(true);
            double own = ticks(stat, false);
            backends.put(pid, own);
            // the server's cutime/cstime hold the backends that exited and were reaped
            postgres += server ? ticks(stat, true) : own;
        }
        double broker = ticks(stat(Path.of("/proc", Long.toString(brokerPid), "stat")), false);
        return new Snapshot(now, measured, threads, postgres, backends, broker, machineBusy());
    }

    /** Busy time of all CPUs so far: the first line of /proc/stat without idle and iowait. */
    private double machineBusy() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / ticksPerSecond;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat: " + e, e);
        }
    }

    static Usage between(Snapshot start, Snapshot end) {
        Map<String, Double> threads = new HashMap<>();
        end.threads.forEach((name, s) -> threads.put(name, s - start.threads.getOrDefault(name, 0.0)));
        Map<String, Double> sorted = new LinkedHashMap<>();
        threads.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        double busiest = 0;
        for (Map.Entry<Long, Double> backend : end.backends.entrySet()) {
            busiest = Math.max(busiest, backend.getValue() - start.backends.getOrDefault(backend.getKey(), 0.0));
        }
        return new Usage((end.nanos - start.nanos) / 1e9, end.measured - start.measured, sorted,
                end.postgres - start.postgres, busiest, end.broker - start.broker, end.machine - start.machine);
    }

    private Map<String, Double> threads(long pid) {
        Map<String, Double> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String[] stat = stat(task.resolve("stat"));
                String name = comm(task.resolve("comm"));
                if (stat != null && name != null) {
                    // numbered pool threads (GC workers, C2 compilers) are summed under one name
                    threads.merge(name.replaceAll("\\d+$", "#"), ticks(stat, false), Double::sum);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of process " + pid + ": " + e, e);
        }
        return threads;
    }

    /** utime + stime (fields 14, 15), plus cutime + cstime (16, 17) when {@code withChildren}, in seconds. */
    private double ticks(String[] fields, boolean withChildren) {
        if (fields == null) {
            throw new IllegalStateException("a measured process has exited");
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / ticksPerSecond;
    }

    /** The fields after the command name of a stat file (fields[0] is field 3), or null if it is gone. */
    private static String[] stat(Path file) {
        try {
            String stat = Files.readString(file, StandardCharsets.US_ASCII);
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        } catch (IOException e) {
            return null;
        }
    }

    private static String comm(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** The {@code n} largest entries of {@code threads}, for a one-line summary. */
    static String top(Map<String, Double> threads, int n, double seconds) {
        StringBuilder text = new StringBuilder();
        threads.entrySet().stream().limit(n).forEach(e -> text.append(text.isEmpty() ? "" : ", ")
                .append(e.getKey()).append(' ').append(String.format("%.2f", e.getValue() / seconds)));
        return text.toString();
    }
}
