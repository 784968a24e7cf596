package dev.ferry.testkit.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the throw-away database servers share: finding a binary, running a database server as an unprivileged user
 * when the tests run as root (CI does; PostgreSQL refuses root and MariaDB wants a user), a free loopback port,
 * running set-up commands into a log, and deleting a data directory.
 */
final class ServerProcesses {

    private ServerProcesses() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port; is the loopback interface up?", e);
        }
    }

    /** {@code PATH}'s directories, after the given ones. */
    static List<Path> searchPath(List<Path> first) {
        List<Path> candidates = new ArrayList<>(first);
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String element : path.split(File.pathSeparator)) {
            if (!element.isEmpty()) {
                candidates.add(Path.of(element));
            }
        }
        return candidates;
    }

    /**
     * Empty when this JVM is not root. As root: hands {@code home} to the first of {@code users} that exists and
     * returns the {@code setpriv} prefix that runs a command as that user ({@code setpriv} execs, so the process
     * the caller holds is the server itself and signals reach it).
     */
    static List<String> runAsPrefix(Path home, List<String> users) throws IOException, InterruptedException {
        int uid = (Integer) Files.getAttribute(home, "unix:uid");
        if (uid != 0) {
            return List.of();
        }
        UserPrincipalLookupService lookup = home.getFileSystem().getUserPrincipalLookupService();
        String user = null;
        for (String name : users) {
            try {
                lookup.lookupPrincipalByName(name);
                user = name;
                break;
            } catch (UserPrincipalNotFoundException absent) {
                // next
            }
        }
        if (user == null) {
            throw new AssertionError("Running as root, the database server needs an unprivileged user to run as, "
                    + "and none of " + users + " exists; create one (useradd " + users.get(0)
                    + ") or run the tests as another user");
        }
        Files.setOwner(home, lookup.lookupPrincipalByName(user));
        int userId = (Integer) Files.getAttribute(home, "unix:uid");
        int groupId = Integer.parseInt(capture(List.of("id", "-g", user)).trim());
        Files.setAttribute(home, "unix:gid", groupId);
        return List.of("setpriv", "--reuid=" + userId, "--regid=" + groupId, "--clear-groups", "--");
    }

    static void chownLike(Path file, Path like) throws IOException {
        Files.setAttribute(file, "unix:uid", Files.getAttribute(like, "unix:uid"));
        Files.setAttribute(file, "unix:gid", Files.getAttribute(like, "unix:gid"));
    }

    static void run(List<String> command, Path dir, Path log, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + "; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    static String capture(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
        }
        return out;
    }

    static String logText(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Polls {@code ready} every 100 ms until it answers true, or fails with {@code what} after {@code timeout}. */
    static void awaitReady(Duration timeout, String what, Process process, Path log, ReadyCheck ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(what + " exited with " + process.exitValue() + "; log:\n" + logText(log));
            }
            try {
                if (ready.ready()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " not ready within " + timeout + (last == null ? "" : " (last: " + last + ")")
                + "; log:\n" + logText(log));
    }

    /** SIGINT, then SIGKILL if the server is still there after 20 s. */
    static void stop(Process process, String signal) throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Thread killOnExit(Process process, String name) {
        Thread hook = new Thread(process::destroyForcibly, name + "-kill");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    static Comparator<Path> newestVersionFirst() {
        return Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString())).reversed();
    }

    @FunctionalInterface
    interface ReadyCheck {
        boolean ready() throws Exception;
    }
}
