package dev.ferry.runtime.herder.contract;

/**
 * The answers in which the two modes differ by design, so that the suite asserts each mode's
 * own answer instead of accepting either.
 *
 * @param createAnswerListsTasks whether the answer to a create lists the tasks the connector made:
 *                               standalone answers once the task configs were generated (as Apache's),
 *                               a distributed worker as soon as the connector config is stored, before
 *                               any task config exists
 */
record ModeExpectations(boolean createAnswerListsTasks) {
    static final ModeExpectations SOLO = new ModeExpectations(true);
    static final ModeExpectations CLUSTER = new ModeExpectations(false);
}
