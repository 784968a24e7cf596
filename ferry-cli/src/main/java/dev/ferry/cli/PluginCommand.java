package dev.ferry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.slf4j.LoggerFactory;

/**
 * {@code ferry plugin install|list|remove|sync-manifests}: the plugin installer. Its code and Maven's resolver live
 * in {@value #INSTALLER_DIR} of the distribution, outside the worker's class path (every {@code lib/} jar is opened
 * at each worker start); this command opens them in a loader of their own, whose parent is this one (so the
 * installer uses Ferry's own plugin discovery), and hands over the parsed command line.
 */
final class PluginCommand extends FerryCommand {
    /** The installer's jars, relative to {@code ferry.home}. */
    static final String INSTALLER_DIR = "lib-ext/installer";
    private static final String ENTRY = "dev.ferry.installer.PluginTool";
    private static final String SUMMARY = "Install, list and remove Connect plugins (Maven, Confluent Hub archives, "
            + "jars).";

    private static final Option PLUGIN_DIR = Option.builder().longOpt("plugin-dir").hasArg().argName("DIR")
            .desc("The directory of plugin folders (a plugin.path element). Default: FERRY_PLUGIN_DIR, else the "
                    + "confluent-hub-components or first writable entry of CONNECT_PLUGIN_PATH.").get();
    private static final Option SHA512 = Option.builder().longOpt("sha512").hasArg().argName("HEX")
            .desc("install: the expected SHA-512 of the archive or jar (as sha512sum prints it).").get();
    private static final Option DRY_RUN = Option.builder().longOpt("dry-run")
            .desc("Print what would change, change nothing.").get();
    private static final Option NO_PROMPT = Option.builder().longOpt("no-prompt")
            .desc("Accepted for confluent-hub compatibility; ferry plugin never prompts.").get();
    private static final Option HUB_URL = Option.builder().longOpt("hub-url").hasArg().argName("DIR|URL")
            .desc("install owner/name:version from OWNER-NAME-VERSION.zip in this folder or URL base "
                    + "(default: FERRY_HUB_URL).").get();
    private static final Option REPOSITORY = Option.builder().longOpt("repository").hasArg().argName("URL")
            .desc("A Maven repository to resolve from instead of Maven Central and the settings' profiles "
                    + "(repeatable); mirrors and proxies of the settings still apply.").get();
    private static final Option MAVEN_SETTINGS = Option.builder().longOpt("maven-settings").hasArg().argName("FILE")
            .desc("Maven settings (mirrors, proxies, servers, localRepository). Default: ~/.m2/settings.xml.").get();

    PluginCommand() {
        super("plugin", SUMMARY, PLUGIN_DIR, SHA512, DRY_RUN, NO_PROMPT, HUB_URL, REPOSITORY, MAVEN_SETTINGS);
    }

    @Override
    Usage usage() {
        return new Usage("ferry plugin ACTION [OPTIONS]")
                .description(SUMMARY,
                        "Installs are atomic (workers never see a half-written plugin); connect-api,",
                        "kafka-clients and slf4j-api are left out of plugin folders: the worker provides them.")
                .parameter("install SOURCE", "SOURCE: group:artifact:version[:classifier[@type]] or "
                        + "group:artifact:version:type:classifier (Maven: a jar with its runtime dependencies, a "
                        + "tar.gz/zip plugin archive unpacked); owner/name:version (a Hub archive from --hub-url; "
                        + "well-known names map to Maven Central or to what Ferry bundles); a Hub .zip, a "
                        + ".tar.gz/.zip archive, a .jar, a folder, or an http(s) URL of one")
                .parameter("list", "each plugin folder with its connectors, converters, transforms and predicates, "
                        + "their versions and ServiceLoader manifests, found as a worker finds them")
                .parameter("remove NAME", "removes the plugin folder NAME")
                .parameter("sync-manifests", "writes missing ServiceLoader manifests "
                        + "(for plugin.discovery=service_load)")
                .options(options())
                .footer("", "Examples:",
                        "  ferry plugin install io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin --plugin-dir plugins",
                        "  ferry plugin install confluentinc-kafka-connect-s3-10.5.0.zip --plugin-dir plugins",
                        "  ferry plugin list --plugin-dir plugins");
    }

    @Override
    int run(CommandLine line, PrintStream out) throws Exception {
        List<String> args = line.getArgList();
        if (args.isEmpty()) {
            throw new UsageException("plugin needs an action: install, list, remove or sync-manifests", usage());
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (Option option : line.getOptions()) {
            options.computeIfAbsent(option.getLongOpt(), k -> new ArrayList<>())
                    .addAll(option.getValuesList() == null ? List.of() : option.getValuesList());
        }
        quietLogging();
        Method entry = installer().getMethod("run", String.class, List.class, Map.class, List.class, Map.class,
                PrintStream.class, PrintStream.class);
        try {
            return (Integer) entry.invoke(null, args.get(0), args.subList(1, args.size()), options,
                    BundledPlugins.directories(), System.getenv(), out, System.err);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The installer prints what it does; library log lines (discovery, the resolver) would only add noise. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
        }
    }

    private static Class<?> installer() throws IOException, CliException {
        try {
            return Class.forName(ENTRY); // on the class path already (tests, embedding)
        } catch (ClassNotFoundException notOnClassPath) {
            String home = System.getProperty(BundledPlugins.HOME_PROPERTY, System.getenv("FERRY_HOME"));
            Path dir = home == null ? null : Path.of(home, INSTALLER_DIR);
            if (dir == null || !Files.isDirectory(dir)) {
                throw new CliException(ExitCode.ENVIRONMENT, "the plugin installer is missing: " + INSTALLER_DIR
                        + " of the Ferry installation (" + home + ") should hold its jars. Use a complete "
                        + "distribution (ferry-dist/target/ferry).");
            }
            List<URL> urls = new ArrayList<>();
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            try {
                return Class.forName(ENTRY, true, new URLClassLoader("ferry-plugin-installer", urls.toArray(URL[]::new),
                        PluginCommand.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new CliException(ExitCode.ENVIRONMENT, INSTALLER_DIR + " (" + dir + ") does not hold the plugin "
                        + "installer (" + ENTRY + "). Use a complete distribution.");
            }
        }
    }
}
