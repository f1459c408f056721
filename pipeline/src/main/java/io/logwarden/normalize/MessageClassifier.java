package io.logwarden.normalize;

/**
 * Recognises what a text message is (a sign-in, a sudo command, a configuration change, ...) and
 * fills the event from it; the source catalogue's text entries, then the generic text rule.
 */
public interface MessageClassifier {

  /**
   * Classifies the event by a message; the event's process picks the program's entries. Leaves the
   * event as it was when nothing recognises the message.
   *
   * @return whether something recognised it
   */
  boolean classify(ParsedEvent event, String text, ParseContext context);
}
