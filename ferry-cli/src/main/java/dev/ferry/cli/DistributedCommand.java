package dev.ferry.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry distributed worker.properties}: what Apache's {@code connect-distributed.sh}
 * does, with the same file. Workers started with the same {@code group.id} and internal topics
 * form one cluster; connectors are created over REST on any of them.
 */
@Command(name = "distributed", mixinStandardHelpOptions = true,
        description = {"Run a worker of a distributed Connect cluster: configs, offsets and statuses in Kafka topics,",
                "work shared with every worker of the same group.id and taken over when one of them dies.",
                "Takes the same worker.properties as connect-distributed.sh.",
                "CONNECT_* environment variables override the file, as in the cp-kafka-connect image."})
final class DistributedCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKER_PROPERTIES", description = "worker configuration (Java properties)")
    Path workerProperties;

    @Override
    public Integer call() throws Exception {
        var props = WorkerProperties.load(workerProperties, System.getenv());
        try (DistributedWorker worker = DistributedWorker.start(props, BundledPlugins.directories())) {
            worker.awaitShutdownSignal();
        }
        return ExitCode.OK.code;
    }
}
