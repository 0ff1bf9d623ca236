package io.portalinvite.examples.demo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while open, at the levels the test configuration sets, through SLF4J/Logback and
 * through {@code java.util.logging} (where an embedded Tomcat logs unless bridged): each entry's
 * message with its causes' messages, and whether it carried a stack trace.
 */
final class CapturedLogs implements AutoCloseable {

    /** One logged line: logger, level, the formatted message with every cause's message, and a trace flag. */
    record Entry(String logger, String level, String text, boolean stackTrace) {}

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final List<Entry> jul = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String text = record.getMessage();
            if (record.getParameters() != null && text != null) {
                text = java.text.MessageFormat.format(text, record.getParameters());
            }
            StringBuilder all = new StringBuilder(String.valueOf(text));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                all.append(" | ").append(t);
            }
            jul.add(new Entry(
                    String.valueOf(record.getLoggerName()),
                    record.getLevel().getName(),
                    all.toString(),
                    record.getThrown() != null));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        handler.setLevel(Level.ALL);
        julRoot.addHandler(handler);
    }

    /** Returns what was logged so far. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(jul);
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            StringBuilder all = new StringBuilder(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            out.add(new Entry(
                    e.getLoggerName(), e.getLevel().toString(), all.toString(), e.getThrowableProxy() != null));
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        julRoot.removeHandler(handler);
    }
}
