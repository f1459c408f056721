package io.logwarden.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * The application's log as it would be written: every line's formatted message with its arguments,
 * and the whole of any exception (class, message, stack trace, causes), taken from the root logger.
 * Optionally silences the console appender while attached (a hostile run logs one line per dead
 * letter) and sets logger levels, restoring all of it on close.
 */
final class CapturedLog implements AutoCloseable {

  /** One captured line: logger, level, thread and the text as written. */
  record Line(String logger, Level level, String thread, String text) {}

  private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        text.append('\n').append(ThrowableProxyUtil.asString(thrown));
      }
      lines.add(new Line(event.getLoggerName(), event.getLevel(), event.getThreadName(), text.toString()));
    }
  };
  private final List<Appender<ILoggingEvent>> silenced = new ArrayList<>();
  private final Map<String, Level> levelsBefore = new HashMap<>();

  CapturedLog(boolean silenceConsole, Map<String, Level> levels) {
    levels.forEach((name, level) -> {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      levelsBefore.put(name, logger.getLevel());
      logger.setLevel(level);
    });
    appender.setName("captured-log");
    appender.start();
    root.addAppender(appender);
    if (silenceConsole) {
      root.iteratorForAppenders().forEachRemaining(a -> {
        if (a != appender) {
          silenced.add(a);
        }
      });
      silenced.forEach(root::detachAppender);
    }
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    silenced.forEach(root::addAppender);
    root.detachAppender(appender);
    appender.stop();
    levelsBefore.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
  }
}
