package io.logwarden.normalize.catalogue;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.json.JsonFields.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source catalogue as the normalizer runs it: every enabled entry, the user's first, behind
 * indexes so that a record is only tried against the entries that could claim it. A text message
 * meets the entries of its program, then those whose template opens with the message's first two
 * characters, then the few that name a literal it contains; a record's fields meet the entries
 * whose first condition's field it has, looked up by that field's value. Immutable and thread-safe.
 */
public final class SourceCatalogue {

  private static final List<CatalogueEntry> NONE = List.of();

  private final List<CatalogueEntry> entries;
  private final Map<String, List<CatalogueEntry>> textByProgram = new HashMap<>();
  private final Map<Integer, List<CatalogueEntry>> textByLead = new HashMap<>();
  private final List<CatalogueEntry> textByContains = new ArrayList<>();
  // The literals of the entries that name one (contains:), by their first two characters, so that one
  // pass over a message finds the few entries whose literal it holds; a set bit says a pair opens one.
  private final Map<Integer, List<CatalogueEntry>> containsByPair = new HashMap<>();
  private final long[] literalPairs = new long[65536 / 64];
  private final long[] leadPairs = new long[65536 / 64];
  private final Map<String, List<FieldIndex>> fieldsByKey = new HashMap<>();
  private final Map<CatalogueEntry, Integer> order = new HashMap<>();
  private final Map<String, CatalogueEntry> byId = new HashMap<>();

  /** Entries of one first-condition path, by the value that condition wants. */
  private static final class FieldIndex {
    final Path[] paths;
    final Map<String, List<CatalogueEntry>> byValue = new HashMap<>();
    final List<CatalogueEntry> other = new ArrayList<>();

    FieldIndex(Path[] paths) {
      this.paths = paths;
    }
  }

  SourceCatalogue(List<CatalogueEntry> entries) {
    this.entries = List.copyOf(entries);
    Map<String, FieldIndex> indexes = new LinkedHashMap<>();
    for (int i = 0; i < this.entries.size(); i++) {
      CatalogueEntry entry = this.entries.get(i);
      order.put(entry, i);
      byId.put(entry.id(), entry);
      if (entry.kind() == CatalogueEntry.Kind.TEXT) {
        indexText(entry);
      } else {
        indexFields(entry, indexes);
      }
    }
  }

  private void indexText(CatalogueEntry entry) {
    if (!entry.programs().isEmpty()) {
      for (String program : entry.programs()) {
        textByProgram.computeIfAbsent(program, p -> new ArrayList<>()).add(entry);
      }
      return;
    }
    String lead = entry.template() == null ? null : entry.template().leadingLiteral();
    if (lead != null && lead.length() >= 2) {
      int pair = pair(lead, 0);
      textByLead.computeIfAbsent(pair, l -> new ArrayList<>()).add(entry);
      leadPairs[pair >>> 6] |= 1L << (pair & 63);
    } else if (entry.containsLiteral() != null && entry.containsLiteral().length() >= 2) {
      int pair = pair(entry.containsLiteral(), 0);
      containsByPair.computeIfAbsent(pair, p -> new ArrayList<>()).add(entry);
      literalPairs[pair >>> 6] |= 1L << (pair & 63);
    } else {
      textByContains.add(entry);
    }
  }

  private void indexFields(CatalogueEntry entry, Map<String, FieldIndex> indexes) {
    Path[] paths = entry.indexPaths();
    String key = CatalogueEntry.join(paths);
    FieldIndex index = indexes.get(key);
    if (index == null) {
      index = new FieldIndex(paths);
      indexes.put(key, index);
      // A record names a path by its top-level key (nested) or by the whole dotted name (flat).
      for (Path path : paths) {
        String dotted = path.toString();
        int dot = dotted.indexOf('.');
        addIndex(dot < 0 ? dotted : dotted.substring(0, dot), index);
        if (dot >= 0) {
          addIndex(dotted, index);
        }
      }
    }
    Set<String> values = entry.indexCondition() == null ? null : entry.indexCondition().equalsAny();
    if (values == null) {
      index.other.add(entry);
    } else {
      for (String value : values) {
        index.byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(entry);
      }
    }
  }

  private void addIndex(String key, FieldIndex index) {
    List<FieldIndex> list = fieldsByKey.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(index)) {
      list.add(index);
    }
  }

  /** A catalogue without entries: only the generic rules classify. */
  public static SourceCatalogue empty() {
    return new SourceCatalogue(List.of());
  }

  /** Every enabled entry, the user's first, in the order they are tried. */
  public List<CatalogueEntry> entries() {
    return entries;
  }

  /** Whether text entries name this program. */
  public boolean knowsProgram(String program) {
    return textByProgram.containsKey(program);
  }

  /** The entry with this id, or null. */
  public CatalogueEntry entry(String id) {
    return byId.get(id);
  }


  /**
   * Classifies a message by the first text entry that matches it (the event's process picks the
   * program's entries), filling the event; null when none does.
   */
  public CatalogueEntry classifyText(ParsedEvent event, String text, ZoneId zone) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (event.process != null) {
      for (CatalogueEntry entry : textByProgram.getOrDefault(event.process, NONE)) {
        if (entry.applyText(event, text, zone)) {
          return entry;
        }
      }
    }
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (text.length() - start >= 2) {
      int pair = pair(text, start);
      if ((leadPairs[pair >>> 6] & (1L << (pair & 63))) != 0) {
        for (CatalogueEntry entry : textByLead.getOrDefault(pair, NONE)) {
          if (entry.applyText(event, text, zone)) {
            return entry;
          }
        }
      }
    }
    if (!containsByPair.isEmpty()) {
      CatalogueEntry found = classifyByLiteral(event, text, zone);
      if (found != null) {
        return found;
      }
    }
    for (CatalogueEntry entry : textByContains) {
      String literal = entry.containsLiteral();
      if ((literal == null || text.contains(literal)) && entry.applyText(event, text, zone)) {
        return entry;
      }
    }
    return null;
  }

  // One pass over the message: where a pair of characters opens an entry's literal and the literal is
  // there, the entry is a candidate; candidates are tried in catalogue order.
  private CatalogueEntry classifyByLiteral(ParsedEvent event, String text, ZoneId zone) {
    List<CatalogueEntry> candidates = null;
    int last = text.length() - 1;
    for (int i = 0; i < last; i++) {
      int pair = pair(text, i);
      if ((literalPairs[pair >>> 6] & (1L << (pair & 63))) == 0) {
        continue;
      }
      for (CatalogueEntry entry : containsByPair.get(pair)) {
        if (text.startsWith(entry.containsLiteral(), i)) {
          if (candidates == null) {
            candidates = new ArrayList<>(2);
          }
          if (!candidates.contains(entry)) {
            candidates.add(entry);
          }
        }
      }
    }
    if (candidates == null) {
      return null;
    }
    candidates.sort(java.util.Comparator.comparingInt(order::get));
    for (CatalogueEntry entry : candidates) {
      if (entry.applyText(event, text, zone)) {
        return entry;
      }
    }
    return null;
  }

  private static int pair(String text, int at) {
    return ((text.charAt(at) & 0xff) << 8) | (text.charAt(at + 1) & 0xff);
  }

  /**
   * Classifies an event that a text format parsed into attributes (an access log, logfmt) by the first
   * field entry whose conditions its attributes meet; null when none does.
   */
  public CatalogueEntry classifyAttributes(ParsedEvent event, ZoneId zone) {
    if (event.attributes().isEmpty() || fieldsByKey.isEmpty()) {
      return null;
    }
    FieldLookup lookup = FieldLookup.of(event.attributes());
    CatalogueEntry entry = matchFields(lookup);
    if (entry != null) {
      entry.applyFields(event, lookup, zone);
    }
    return entry;
  }

  /** The first field entry, in catalogue order, whose conditions all hold for the record; null when none. */
  public CatalogueEntry matchFields(FieldLookup fields) {
    if (fieldsByKey.isEmpty()) {
      return null;
    }
    CatalogueEntry best = null;
    int bestOrder = Integer.MAX_VALUE;
    Iterator<String> keys = fields.keys();
    while (keys.hasNext()) {
      List<FieldIndex> indexes = fieldsByKey.get(keys.next());
      if (indexes == null) {
        continue;
      }
      for (FieldIndex index : indexes) {
        if (!index.byValue.isEmpty()) {
          String value = fields.text(index.paths);
          List<CatalogueEntry> candidates = value == null ? null : index.byValue.get(value);
          if (candidates != null) {
            for (CatalogueEntry candidate : candidates) {
              int rank = order.get(candidate);
              if (rank < bestOrder && candidate.matchesFields(fields)) {
                best = candidate;
                bestOrder = rank;
                break;
              }
            }
          }
        }
        for (CatalogueEntry candidate : index.other) {
          int rank = order.get(candidate);
          if (rank < bestOrder && candidate.matchesFields(fields)) {
            best = candidate;
            bestOrder = rank;
            break;
          }
        }
      }
    }
    return best;
  }
}
