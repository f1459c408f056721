package io.logwarden.normalize.catalogue;

import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;

/** Classifies messages by a catalogue's text entries, then by the generic text rule. */
public final class CatalogueClassifier implements MessageClassifier {

  private static final CatalogueClassifier SHIPPED = new CatalogueClassifier(CatalogueLoader.shipped());

  private final SourceCatalogue catalogue;

  public CatalogueClassifier(SourceCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** The classifier of the shipped catalogue alone. */
  public static CatalogueClassifier shipped() {
    return SHIPPED;
  }

  public SourceCatalogue catalogue() {
    return catalogue;
  }

  @Override
  public boolean classify(ParsedEvent event, String text, ParseContext context) {
    if (catalogue.classifyText(event, text, context.zone()) != null) {
      return true;
    }
    // The generic rule is for sources nobody listed: a program the catalogue knows is read exactly, and a
    // line of it that no entry takes (sshd's "Invalid user", PAM's "N more authentication failures") is
    // no sign-in.
    return (event.process == null || !catalogue.knowsProgram(event.process))
        && GenericRules.classifyText(event, text) != null;
  }
}
