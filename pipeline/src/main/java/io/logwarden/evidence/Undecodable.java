package io.logwarden.evidence;

import java.util.Map;

/** The sentence a control's basis adds when records of a topic could not be decoded. */
final class Undecodable {

  private Undecodable() {}

  static String sentence(Map<String, Long> byTopic) {
    if (byTopic.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" Not counted, because they could not be decoded:");
    byTopic.forEach((topic, count) -> text.append(' ').append(count).append(" record(s) of ").append(topic).append(','));
    text.setCharAt(text.length() - 1, '.');
    return text.toString();
  }
}
