package io.portalinvite.jdbc;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs after-commit actions in order; a failing action is logged and the committed work stands. */
final class AfterCommitActions {

    private static final Logger log = LoggerFactory.getLogger(AfterCommitActions.class);

    private AfterCommitActions() {}

    static void runAll(List<Runnable> actions) {
        for (Runnable action : actions) {
            runQuietly(action);
        }
    }

    static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("after-commit action failed; the committed work stands", e);
        }
    }
}
