package dev.ferry.runtime.herder;

import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.cluster.requests.RequestSigner;
import dev.ferry.runtime.model.InternalRequestSignature;
import dev.ferry.runtime.model.NotLeaderException;
import dev.ferry.runtime.storage.ConfigStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The commands that exist only between the workers of a cluster: the signed internal requests
 * (task configs a follower's connector generated, fencing a connector's previous task generation),
 * cluster-wide log levels and the member list. A standalone worker has no peers and answers them
 * as {@link Herder}'s defaults do, so the herder asks {@link ModeRules#hasPeers()} before it comes here.
 *
 * <p>Thread contract: any thread; decisions queue on the herder thread.
 */
final class PeerCommands {
    private final Membership membership;
    private final ConfigStore store;
    private final ConfigView view;
    private final RequestQueue queue;
    private final TaskConfigUpdates taskConfigs;
    private final TaskFencing fencing;
    private final List<String> verificationAlgorithms;
    private final Executor background;

    PeerCommands(Membership membership, ConfigStore store, ConfigView view, RequestQueue queue,
                 TaskConfigUpdates taskConfigs, TaskFencing fencing, List<String> verificationAlgorithms,
                 Executor background) {
        this.membership = membership;
        this.store = store;
        this.view = view;
        this.queue = queue;
        this.taskConfigs = taskConfigs;
        this.fencing = fencing;
        this.verificationAlgorithms = verificationAlgorithms;
        this.background = background;
    }

    CompletionStage<Void> putTaskConfigs(String connector, List<Map<String, String>> configs,
                                         InternalRequestSignature signature) {
        return queue.submit(() -> {
            verify(signature);
            requireLeader();
            view.requireConfig(connector);
            taskConfigs.storeFromPeer(connector, configs);
            return null;
        });
    }

    CompletionStage<Void> fenceZombies(String connector, InternalRequestSignature signature) {
        return queue.submit(() -> {
            verify(signature);
            requireLeader();
            view.requireConfig(connector);
            return null;
        }).thenCompose(ignored -> fencing.fenceZombies(connector));
    }

    CompletionStage<Boolean> setClusterLoggerLevel(String namespace, String level) {
        return CompletableFuture.supplyAsync(() -> {
            store.putLoggerLevel(namespace, level);
            return true;
        }, background);
    }

    /** Only the leader knows every member (their subscriptions reach it alone). */
    CompletionStage<Herder.ClusterMembers> clusterMembers() {
        if (!membership.isLeader()) {
            return CompletableFuture.failedFuture(new NotLeaderException("Only the leader of the Connect cluster knows "
                    + "all its workers; ask the leader at " + membership.leaderUrl(), membership.leaderUrl()));
        }
        return CompletableFuture.completedFuture(
                new Herder.ClusterMembers(membership.leaderUrl(), membership.generation(), membership.memberUrls()));
    }

    void requireLeader() {
        requireLeader(membership);
    }

    /** Fails with {@link NotLeaderException}, naming the leader, unless this worker leads: for writes only it makes. */
    static void requireLeader(Membership membership) {
        if (!membership.isLeader()) {
            throw new NotLeaderException("This worker is not the leader of the Connect cluster; the leader at "
                    + membership.leaderUrl() + " makes this change", membership.leaderUrl());
        }
    }

    /** Internal requests are signed once the cluster speaks the sessioned protocol. */
    private void verify(InternalRequestSignature signature) {
        if (membership.protocolVersion() >= 2) {
            RequestSigner.verify(signature, view.snapshot().sessionKey(), verificationAlgorithms);
        }
    }
}
