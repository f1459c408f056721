package io.logwarden.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every field a Wazuh rules file reads is one its JSON lines carry: for each rule, the file
 * it applies to (the localfile whose label its root rule matches), and in every line of that file the
 * rule's fields (its conditions and the {@code $(field)}s of its description), a label of that localfile
 * or a key of the line, nested keys joined by dots. A key whose value is null or an empty array counts:
 * the line carries it.
 */
final class WazuhFieldCheck {

  /** One JSON lines file a Wazuh agent reads: its localfile labels and sample lines of it. */
  record Stream(String name, Map<String, String> labels, List<JsonNode> lines) {}

  private WazuhFieldCheck() {}

  /** What is wrong, one sentence per problem; empty when every field read is carried. */
  static List<String> problems(WazuhRules rules, List<Stream> streams) {
    List<String> problems = new ArrayList<>();
    for (WazuhRules.Rule rule : rules.rules()) {
      List<Stream> reads = streamsOf(rules, rule, streams);
      if (reads.isEmpty()) {
        problems.add("rule " + rule.id() + " applies to no localfile: its root rule matches none of their labels");
      }
      for (Stream stream : reads) {
        for (String key : rule.readKeys()) {
          if (stream.labels().containsKey(key)) {
            continue;
          }
          long missing = stream.lines().stream().filter(line -> !keys(line).contains(key)).count();
          if (missing > 0) {
            problems.add("rule " + rule.id() + " reads field " + key + ", which " + missing + " of "
                + stream.lines().size() + " lines of " + stream.name() + " do not carry");
          }
        }
      }
    }
    return problems;
  }

  /** The streams a rule applies to: those whose labels its root rules' label conditions match. */
  static List<Stream> streamsOf(WazuhRules rules, WazuhRules.Rule rule, List<Stream> streams) {
    List<Stream> result = new ArrayList<>();
    for (Stream stream : streams) {
      boolean matched = false;
      for (WazuhRules.Rule root : rules.roots(rule)) {
        boolean labelled = false;
        boolean allMatch = true;
        for (WazuhRules.Condition condition : root.conditions()) {
          String label = stream.labels().get(condition.jsonKey());
          if (label != null) {
            labelled = true;
            allMatch &= condition.pattern().matcher(label).find();
          }
        }
        matched |= labelled && allMatch;
      }
      if (matched) {
        result.add(stream);
      }
    }
    return result;
  }

  /** Every key of a JSON object, nested keys joined by dots; arrays and scalars (null too) end a key. */
  static Set<String> keys(JsonNode object) {
    Set<String> keys = new LinkedHashSet<>();
    collect(object, null, keys);
    return keys;
  }

  private static void collect(JsonNode object, String parent, Set<String> keys) {
    Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = parent == null ? entry.getKey() : parent + "." + entry.getKey();
      if (entry.getValue().isObject()) {
        collect(entry.getValue(), key, keys);
      } else {
        keys.add(key);
      }
    }
  }
}
