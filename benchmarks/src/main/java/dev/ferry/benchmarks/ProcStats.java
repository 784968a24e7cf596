package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and memory from Linux's {@code /proc}, so the figures are those of
 * the worker process alone, not of the broker or of this benchmark's own clients.
 */
final class ProcStats {

    /** Used when {@code getconf CLK_TCK} cannot be run; it is the value on every common Linux. */
    private static final long DEFAULT_CLOCK_TICKS = 100;

    private final long clockTicksPerSecond;

    private ProcStats(long clockTicksPerSecond) {
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** Asks {@code getconf CLK_TCK} for the unit of the CPU times in {@code /proc/<pid>/stat}. */
    static ProcStats forThisMachine() {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            throw new IllegalStateException("The benchmark reads worker CPU and memory from /proc, which this "
                    + "system (" + System.getProperty("os.name") + ") does not have; run it on Linux.");
        }
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0) {
                return new ProcStats(Long.parseLong(out));
            }
            System.err.println("getconf CLK_TCK failed (" + out + "); assuming " + DEFAULT_CLOCK_TICKS);
        } catch (IOException | NumberFormatException e) {
            System.err.println("getconf CLK_TCK failed (" + e + "); assuming " + DEFAULT_CLOCK_TICKS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ProcStats(DEFAULT_CLOCK_TICKS);
    }

    long clockTicksPerSecond() {
        return clockTicksPerSecond;
    }

    /** User plus system CPU time the process has used so far (fields 14 and 15 of its stat file). */
    double cpuSeconds(long pid) {
        String stat = read(pid, "stat");
        // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return (double) ticks / clockTicksPerSecond;
    }

    /** The resident set size now, in KiB ({@code VmRSS}). */
    long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** The largest resident set size the process has had, in KiB ({@code VmHWM}). */
    long peakRssKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private long statusField(long pid, String name) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no " + name + " line");
    }

    private static String read(long pid, String file) {
        Path path = Path.of("/proc", Long.toString(pid), file);
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + " (has process " + pid + " exited?): " + e, e);
        }
    }
}
