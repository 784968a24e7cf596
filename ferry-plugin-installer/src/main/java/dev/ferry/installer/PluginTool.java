package dev.ferry.installer;

import dev.ferry.runtime.plugins.PluginPathException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The entry point of {@code ferry plugin ACTION}, called by {@code ferry-cli}'s {@code PluginCommand} through the
 * installer's own class loader (this module and Maven's resolver live in {@code lib-ext/installer}, off the worker's
 * class path), hence only JDK types in its signature. The command line is already parsed; this class picks the plugin
 * directory, runs the action and turns failures into exit codes: 0 done, 1 failed, 2 wrong input, 3 environment.
 */
public final class PluginTool {
    /** Environment variable naming the default plugin directory (the image sets it). */
    static final String PLUGIN_DIR_VARIABLE = "FERRY_PLUGIN_DIR";
    /** Environment variable naming a folder or URL base of Hub archives. */
    static final String HUB_URL_VARIABLE = "FERRY_HUB_URL";

    private PluginTool() {
    }

    /**
     * Runs one action.
     *
     * @param action    {@code install}, {@code list}, {@code remove} or {@code sync-manifests}
     * @param arguments the action's positional arguments
     * @param options   long option names ({@code plugin-dir}, {@code sha512}, {@code dry-run}, {@code hub-url},
     *                  {@code repository}, {@code maven-settings}) to their values (empty for flags)
     * @param bundled   Ferry's bundled plugin directories (discovered as a worker does, never listed)
     */
    public static int run(String action, List<String> arguments, Map<String, List<String>> options,
                          List<Path> bundled, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            return switch (action) {
                case "install" -> install(arguments, options, env, out);
                case "list" -> list(arguments, options, bundled, env, out);
                case "remove" -> remove(arguments, options, env, out);
                case "sync-manifests" -> syncManifests(arguments, options, bundled, env, out);
                default -> throw InstallException.usage("unknown action '" + action
                        + "'; the actions are install, list, remove, sync-manifests");
            };
        } catch (Installer.AlreadyBundled e) {
            out.println(e.getMessage());
            return 0;
        } catch (InstallException e) {
            err.println("ferry plugin " + action + ": " + e.getMessage());
            return e.exitCode();
        } catch (PluginPathException e) {
            err.println("ferry plugin " + action + ": " + e.getMessage());
            return InstallException.ENVIRONMENT;
        } catch (IOException e) {
            err.println("ferry plugin " + action + ": " + e);
            return InstallException.ENVIRONMENT;
        }
    }

    private static int install(List<String> arguments, Map<String, List<String>> options, Map<String, String> env,
                               PrintStream out) throws IOException {
        if (arguments.size() != 1) {
            throw InstallException.usage("install takes one source (a Maven coordinate, a Hub name owner/name:version, "
                    + "a .zip/.tar.gz/.jar file or URL, or a folder), but was given " + arguments.size());
        }
        String hubUrl = first(options, "hub-url", env.get(HUB_URL_VARIABLE));
        String settings = first(options, "maven-settings", null);
        InstallOptions install = new InstallOptions(pluginDir(options, env), first(options, "sha512", null),
                options.containsKey("dry-run"), hubUrl, options.getOrDefault("repository", List.of()),
                settings == null ? null : Path.of(settings));
        return new Installer(install, out).install(arguments.get(0));
    }

    private static int list(List<String> arguments, Map<String, List<String>> options, List<Path> bundled,
                            Map<String, String> env, PrintStream out) {
        noArguments("list", arguments);
        Path dir = existingPluginDir(options, env);
        new PluginListing(new PluginDirectory(dir), PluginInventory.of(dir, bundled)).print(out);
        return 0;
    }

    private static int remove(List<String> arguments, Map<String, List<String>> options, Map<String, String> env,
                              PrintStream out) {
        if (arguments.size() != 1) {
            throw InstallException.usage("remove takes the name of one plugin folder (as `ferry plugin list` shows it)");
        }
        PluginDirectory directory = new PluginDirectory(existingPluginDir(options, env));
        String name = arguments.get(0);
        if (options.containsKey("dry-run")) {
            directory.folder(name).orElseThrow(() -> InstallException.usage("There is no plugin folder '" + name
                    + "' in " + directory.dir + "."));
            out.println("Dry run: would remove " + directory.dir.resolve(name));
            return 0;
        }
        directory.remove(name);
        out.println("Removed " + directory.dir.resolve(name) + ". Workers still running keep it loaded until they "
                + "restart.");
        return 0;
    }

    private static int syncManifests(List<String> arguments, Map<String, List<String>> options, List<Path> bundled,
                                     Map<String, String> env, PrintStream out) throws IOException {
        noArguments("sync-manifests", arguments);
        Path dir = existingPluginDir(options, env);
        boolean dryRun = options.containsKey("dry-run");
        if (!dryRun) {
            new PluginDirectory(dir).checkWritable();
        }
        ManifestSync.sync(PluginInventory.of(dir, bundled), dryRun, out);
        return 0;
    }

    private static void noArguments(String action, List<String> arguments) {
        if (!arguments.isEmpty()) {
            throw InstallException.usage(action + " takes no arguments besides options, but was given "
                    + String.join(" ", arguments));
        }
    }

    private static Path existingPluginDir(Map<String, List<String>> options, Map<String, String> env) {
        Path dir = pluginDir(options, env);
        if (!Files.isDirectory(dir)) {
            throw InstallException.usage("Plugin directory " + dir + " does not exist. Name the directory that holds "
                    + "the plugin folders with --plugin-dir DIR.");
        }
        return dir;
    }

    /**
     * The plugin directory: {@code --plugin-dir}, else {@code FERRY_PLUGIN_DIR}, else from {@code CONNECT_PLUGIN_PATH}
     * the Hub components folder if listed (the cp image's {@code /usr/share/confluent-hub-components}) or the first
     * writable entry.
     */
    static Path pluginDir(Map<String, List<String>> options, Map<String, String> env) {
        String given = first(options, "plugin-dir", env.get(PLUGIN_DIR_VARIABLE));
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        String pluginPath = env.get("CONNECT_PLUGIN_PATH");
        if (pluginPath != null) {
            List<Path> entries = java.util.Arrays.stream(pluginPath.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).map(Path::of).toList();
            for (Path entry : entries) {
                if (entry.getFileName() != null && entry.getFileName().toString().equals("confluent-hub-components")) {
                    return entry.toAbsolutePath().normalize();
                }
            }
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && Files.isWritable(entry)) {
                    return entry.toAbsolutePath().normalize();
                }
            }
        }
        throw InstallException.usage("No plugin directory given. Name one with --plugin-dir DIR (a directory on your "
                + "workers' plugin.path) or set FERRY_PLUGIN_DIR; with CONNECT_PLUGIN_PATH set, its "
                + "confluent-hub-components entry or first writable entry is used.");
    }

    private static String first(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
