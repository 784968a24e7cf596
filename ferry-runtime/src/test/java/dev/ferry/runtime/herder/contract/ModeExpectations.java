package dev.ferry.runtime.herder.contract;

/**
 * The answers in which the two modes differ by design, so that the suite asserts each mode's
 * own answer instead of accepting either.
 *
 * @param createAnswerListsTasks whether the answer to a create lists the tasks the connector made:
 *                               standalone answers once the task configs were generated (as Apache's),
 *                               a distributed worker as soon as the connector config is stored, before
 *                               any task config exists
 * @param clusterSize            the number of workers in the cluster, or 0 for a standalone worker, which
 *                               has no cluster: no members, no leader, no cluster-wide log levels, and no
 *                               internal endpoint for task configs
 */
record ModeExpectations(boolean createAnswerListsTasks, int clusterSize) {
    static final ModeExpectations SOLO = new ModeExpectations(true, 0);

    static ModeExpectations cluster(int workers) {
        return new ModeExpectations(false, workers);
    }

    boolean standalone() {
        return clusterSize == 0;
    }
}
