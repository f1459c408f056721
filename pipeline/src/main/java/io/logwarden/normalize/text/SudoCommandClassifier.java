package io.logwarden.normalize.text;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;

/**
 * Recognises sudo's command log line, {@code alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ;
 * COMMAND=/bin/cat /etc/shadow}, as an administrative action by the invoking user on the command.
 * A reason before the fields ({@code 3 incorrect password attempts}, {@code user NOT in sudoers})
 * means sudo refused, and the outcome is a failure.
 */
public final class SudoCommandClassifier {

  /** The action of a command run (or refused) through sudo. */
  public static final String ADMIN_ACTION = "admin_action";
  /** The target kind of a sudo command. */
  public static final String COMMAND = "command";
  /** Attribute: the user the command runs as ({@code USER=}). */
  public static final String RUN_AS = "sudo.run_as";
  /** Attribute: the terminal sudo ran from ({@code TTY=}). */
  public static final String TTY = "sudo.tty";
  /** Attribute: why sudo refused, when it did. */
  public static final String REASON = "sudo.reason";

  private static final String SEPARATOR = " ; ";
  private static final String COMMAND_FIELD = "COMMAND=";

  private SudoCommandClassifier() {}

  /**
   * Classifies the event when its process is sudo (or unknown) and its message is sudo's command
   * line; true when it did. Other events are untouched.
   */
  public static boolean classify(ParsedEvent event) {
    String message = event.message;
    if (message == null || (event.process != null && !event.process.equals("sudo"))) {
      return false;
    }
    int start = 0;
    while (start < message.length() && message.charAt(start) == ' ') {
      start++;
    }
    int colon = message.indexOf(" : ", start);
    if (colon <= start || message.indexOf(' ', start) < colon) {
      return false;
    }
    // The command is the last field and may itself hold " ; ", so it is everything after it.
    int command = message.indexOf(SEPARATOR + COMMAND_FIELD, colon);
    if (command < 0) {
      return false;
    }
    String runAs = null;
    String tty = null;
    String reason = null;
    int field = colon + 3;
    while (field <= command) {
      int fieldEnd = message.indexOf(SEPARATOR, field);
      if (fieldEnd < 0 || fieldEnd > command) {
        fieldEnd = command;
      }
      if (message.startsWith("USER=", field)) {
        runAs = message.substring(field + 5, fieldEnd);
      } else if (message.startsWith("TTY=", field)) {
        tty = message.substring(field + 4, fieldEnd);
      } else if (field == colon + 3 && message.indexOf('=', field) > fieldEnd) {
        reason = message.substring(field, fieldEnd);
      }
      field = fieldEnd + SEPARATOR.length();
    }
    if (tty == null && runAs == null) {
      return false;
    }
    event.category = Category.SECURITY;
    event.action = ADMIN_ACTION;
    event.outcome = reason == null ? Outcome.SUCCESS : Outcome.FAILURE;
    event.user = message.substring(start, colon);
    event.targetKind = COMMAND;
    event.targetName = message.substring(command + SEPARATOR.length() + COMMAND_FIELD.length());
    event.attribute(RUN_AS, runAs);
    event.attribute(TTY, tty);
    event.attribute(REASON, reason);
    return true;
  }
}
