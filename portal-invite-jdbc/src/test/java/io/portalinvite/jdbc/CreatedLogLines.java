package io.portalinvite.jdbc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portalinvite.invitation.InvitationLifecycle;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures the lifecycle's "invitation … created" log lines while open, at INFO (the tests' own
 * configuration logs WARN and up), so that a test can tell whether a line described an invitation
 * that a rollback undid.
 */
final class CreatedLogLines implements AutoCloseable {

    private final Logger lifecycleLog = (Logger) LoggerFactory.getLogger(InvitationLifecycle.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore;

    CreatedLogLines() {
        levelBefore = lifecycleLog.getLevel();
        lifecycleLog.setLevel(Level.INFO);
        appender.start();
        lifecycleLog.addAppender(appender);
    }

    /** The "created" lines logged since this capture began. */
    List<String> lines() {
        return appender.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(" created at practice "))
                .toList();
    }

    @Override
    public void close() {
        lifecycleLog.detachAppender(appender);
        lifecycleLog.setLevel(levelBefore);
    }
}
