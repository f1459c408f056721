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
    return GenericRules.classifyText(event, text) != null;
  }
}
