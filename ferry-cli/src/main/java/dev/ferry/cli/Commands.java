package dev.ferry.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.Options;

/** The {@code ferry} commands by name, in the order {@code ferry --help} lists them. */
final class Commands {
    /** The options {@code ferry} takes before the command name. */
    static final Options TOP_LEVEL = StandardOptions.with();

    private final Map<String, FerryCommand> byName = new LinkedHashMap<>();

    private Commands() {
    }

    static Commands all() {
        Commands commands = new Commands();
        commands.add(new StandaloneCommand());
        commands.add(new DistributedCommand());
        commands.add(new RegistryCommand());
        commands.add(new DevCommand());
        commands.add(new PluginCommand());
        commands.add(new DoctorCommand());
        commands.add(new HelpCommand(commands));
        return commands;
    }

    private void add(FerryCommand command) {
        byName.put(command.name(), command);
    }

    FerryCommand find(String name) throws UsageException {
        FerryCommand command = byName.get(name);
        if (command == null) {
            throw new UsageException("unknown command '" + name + "'; the commands are "
                    + String.join(", ", byName.keySet()) + " (ferry help COMMAND describes one)", mainUsage());
        }
        return command;
    }

    Usage mainUsage() {
        Usage usage = new Usage("ferry [-hV] [COMMAND]")
                .description("Ferry: a Kafka Connect runtime that runs unmodified Kafka Connect plugins.")
                .options(TOP_LEVEL);
        byName.values().forEach(command -> usage.command(command.name(), command.summary()));
        return usage.footer("", "Examples:",
                "  ferry dev                       Kafka, a worker and a sample pipeline",
                "  ferry standalone w.properties c.json   as connect-standalone.sh",
                "  ferry distributed w.properties          as connect-distributed.sh",
                "  ferry registry r.properties             as schema-registry-start",
                "  CONNECT_BOOTSTRAP_SERVERS=k:9092 ... ferry distributed   from variables alone",
                "", "Environment:",
                "  FERRY_HOME       the Ferry installation (default: the directory above bin/ferry)",
                "  FERRY_HEAP_OPTS  heap and collector flags, replacing the default",
                "                   -Xms16m -Xmx1g -XX:+UseSerialGC",
                "  FERRY_OPTS       more JVM flags, e.g. -Dlogback.configurationFile=logback.xml",
                "  KAFKA_OPTS       JVM flags as Apache's scripts take them, e.g.",
                "                   -Djava.security.auth.login.config=jaas.conf",
                "  CLASSPATH        jars added after Ferry's own, as in Apache's scripts, e.g.",
                "                   /etc/kafka-connect/jars/*",
                "  FERRY_CDS=off    no class-data-sharing archive (by default the first worker",
                "                   start records one in FERRY_HOME/.cds and later starts map it)",
                "  CONNECT_*        worker properties as in the cp-kafka-connect image",
                "                   (CONNECT_BOOTSTRAP_SERVERS is bootstrap.servers); they win over",
                "                   the worker file; see ferry standalone --help");
    }
}
