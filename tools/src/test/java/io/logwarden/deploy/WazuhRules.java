package io.logwarden.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A Wazuh rules file read the way Wazuh's analysis engine reads it, for the subset of the rules syntax
 * that {@code deploy/wazuh/logwarden_rules.xml} uses: {@code decoded_as}, {@code field}, the static
 * fields {@code status} and {@code action}, {@code if_sid}, {@code group}, {@code mitre},
 * {@code description} and {@code options}, every pattern PCRE2. Anything else is refused, so that a rule
 * the model cannot judge never passes unjudged.
 *
 * <p>Evaluation follows Wazuh's {@code analysisd}: the rules without {@code if_sid} are tried first, the
 * children of a rule that matches are tried in turn (highest level first, file order among equal
 * levels, as {@code rules_list.c} inserts them), and the deepest rule that matches makes the alert.
 */
final class WazuhRules {

  /** The static fields a rule names by their own element, and the JSON key Wazuh's JSON decoder fills them from. */
  private static final Map<String, String> STATIC_ELEMENTS = Map.of("status", "status", "action", "action");

  /**
   * JSON keys that Wazuh's JSON decoder stores as static fields instead of dynamic ones (its
   * {@code fillData}, src/analysisd/decoders/plugins/json_decoder.c): a {@code <field>} cannot reach them.
   */
  static final Set<String> STATIC_JSON_KEYS = Set.of("srcip", "dstip", "dstport", "srcport", "protocol", "action",
      "srcuser", "dstuser", "id", "status", "command", "url", "data", "systemname");

  private static final Set<String> RULE_ELEMENTS =
      Set.of("decoded_as", "field", "status", "action", "if_sid", "group", "mitre", "description", "options");
  private static final Pattern DESCRIPTION_FIELD = Pattern.compile("\\$\\(([^)]+)\\)");

  /** One condition on a field: its JSON key, whether Wazuh holds it as a static field, and the pattern. */
  record Condition(String element, String jsonKey, boolean isStatic, Pattern pattern) {

    boolean matches(DecodedEvent event) {
      String value = isStatic ? event.staticFields().get(jsonKey) : event.fields().get(jsonKey);
      return value != null && pattern.matcher(value).find();
    }
  }

  /** One rule: its id, level, parents, conditions, groups (the enclosing group's first), MITRE ids and description. */
  record Rule(int id, int level, List<Integer> ifSids, String decodedAs, List<Condition> conditions,
      List<String> groups, List<String> mitre, String description, int order) {

    /** The JSON keys the rule reads: its conditions' and those its description names as {@code $(field)}. */
    Set<String> readKeys() {
      Set<String> keys = new LinkedHashSet<>();
      conditions.forEach(condition -> keys.add(condition.jsonKey()));
      Matcher named = DESCRIPTION_FIELD.matcher(description);
      while (named.find()) {
        keys.add(named.group(1));
      }
      return keys;
    }

    boolean matches(DecodedEvent event) {
      if (decodedAs != null && !decodedAs.equals(event.decoder())) {
        return false;
      }
      return conditions.stream().allMatch(condition -> condition.matches(event));
    }
  }

  /** An event as Wazuh's decoder hands it to the rules: the decoder's name, dynamic fields and static fields. */
  record DecodedEvent(String decoder, Map<String, String> fields, Map<String, String> staticFields) {}

  private final List<Rule> rules;

  private WazuhRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  List<Rule> rules() {
    return rules;
  }

  Rule rule(int id) {
    return rules.stream().filter(rule -> rule.id() == id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
  }

  /**
   * Reads a rules file. Wazuh's rules files hold several top-level {@code <group>} elements and no root,
   * which Wazuh accepts; they are wrapped in one root element here to be read as XML.
   *
   * @throws IllegalArgumentException when the file is not well-formed, or uses what this model does not read
   */
  static WazuhRules parse(String xml) {
    Element root = document("<wazuh_rules>" + xml + "</wazuh_rules>");
    List<Rule> rules = new ArrayList<>();
    for (Element group : children(root)) {
      if (!group.getTagName().equals("group")) {
        throw new IllegalArgumentException("only <group> elements may stand at the top, not <" + group.getTagName() + ">");
      }
      List<String> enclosing = groupNames(group.getAttribute("name"));
      for (Element rule : children(group)) {
        if (!rule.getTagName().equals("rule")) {
          throw new IllegalArgumentException("a <group> holds <rule> elements, not <" + rule.getTagName() + ">");
        }
        rules.add(rule(rule, enclosing, rules.size()));
      }
    }
    return new WazuhRules(rules);
  }

  /** The rule that makes the Wazuh alert for this event, or null when no rule matches. */
  Rule evaluate(DecodedEvent event) {
    Rule fired = null;
    for (Rule root : ordered(rules.stream().filter(rule -> rule.ifSids().isEmpty()).toList())) {
      if (root.matches(event)) {
        fired = deepest(root, event);
        break;
      }
    }
    return fired;
  }

  /** The ancestors of a rule without {@code if_sid}: the roots it descends from. */
  Set<Rule> roots(Rule rule) {
    Set<Rule> roots = new LinkedHashSet<>();
    if (rule.ifSids().isEmpty()) {
      roots.add(rule);
    }
    for (int parent : rule.ifSids()) {
      roots.addAll(roots(rule(parent)));
    }
    return roots;
  }

  private Rule deepest(Rule parent, DecodedEvent event) {
    for (Rule child : ordered(rules.stream().filter(rule -> rule.ifSids().contains(parent.id())).toList())) {
      if (child.matches(event)) {
        return deepest(child, event);
      }
    }
    return parent;
  }

  private static List<Rule> ordered(List<Rule> siblings) {
    return siblings.stream()
        .sorted(Comparator.comparingInt(Rule::level).reversed().thenComparingInt(Rule::order))
        .toList();
  }

  private static Rule rule(Element rule, List<String> enclosing, int order) {
    int id = Integer.parseInt(rule.getAttribute("id"));
    int level = Integer.parseInt(rule.getAttribute("level"));
    for (int i = 0; i < rule.getAttributes().getLength(); i++) {
      String attribute = rule.getAttributes().item(i).getNodeName();
      if (!attribute.equals("id") && !attribute.equals("level")) {
        throw new IllegalArgumentException("rule " + id + ": attribute " + attribute + " is not read here");
      }
    }
    List<Integer> ifSids = new ArrayList<>();
    String decodedAs = null;
    List<Condition> conditions = new ArrayList<>();
    List<String> groups = new ArrayList<>(enclosing);
    List<String> mitre = new ArrayList<>();
    String description = null;
    for (Element option : children(rule)) {
      String name = option.getTagName();
      if (!RULE_ELEMENTS.contains(name)) {
        throw new IllegalArgumentException("rule " + id + ": <" + name + "> is not read here");
      }
      switch (name) {
        case "if_sid" -> Arrays.stream(option.getTextContent().split("[,\\s]+"))
            .filter(part -> !part.isEmpty()).forEach(part -> ifSids.add(Integer.parseInt(part)));
        case "decoded_as" -> decodedAs = option.getTextContent().trim();
        case "field" -> conditions.add(condition(id, option, option.getAttribute("name"), false));
        case "status", "action" -> conditions.add(condition(id, option, STATIC_ELEMENTS.get(name), true));
        case "group" -> groups.addAll(groupNames(option.getTextContent()));
        case "mitre" -> children(option).forEach(mitreId -> mitre.add(mitreId.getTextContent().trim()));
        case "description" -> description = option.getTextContent().trim();
        default -> { } // options: alert options, no bearing on matching
      }
    }
    if (description == null || description.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + ": no description");
    }
    return new Rule(id, level, ifSids, decodedAs, conditions, groups, mitre, description, order);
  }

  private static Condition condition(int id, Element option, String jsonKey, boolean isStatic) {
    if (jsonKey == null || jsonKey.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + ": <" + option.getTagName() + "> names no field");
    }
    if (!"pcre2".equals(option.getAttribute("type"))) {
      // OSRegex and OSMatch differ from Java's regular expressions; PCRE2 is close enough to judge.
      throw new IllegalArgumentException("rule " + id + ": <" + option.getTagName() + "> must be type=\"pcre2\"");
    }
    for (int i = 0; i < option.getAttributes().getLength(); i++) {
      String attribute = option.getAttributes().item(i).getNodeName();
      if (!attribute.equals("type") && !attribute.equals("name")) {
        throw new IllegalArgumentException("rule " + id + ": attribute " + attribute + " of <" + option.getTagName()
            + "> is not read here");
      }
    }
    if (!isStatic && STATIC_JSON_KEYS.contains(jsonKey)) {
      throw new IllegalArgumentException("rule " + id + ": <field name=\"" + jsonKey + "\"> never matches: Wazuh's JSON"
          + " decoder stores " + jsonKey + " as a static field; use its own element");
    }
    return new Condition(option.getTagName(), jsonKey, isStatic, Pattern.compile(option.getTextContent()));
  }

  private static List<String> groupNames(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
  }

  static Element document(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // the exception says it; no copy on standard error
      return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (SAXException e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        elements.add((Element) nodes.item(i));
      }
    }
    return elements;
  }
}
