package io.logwarden.policy;

import io.logwarden.topology.TopologyKind;

/** A policy class that uses a topology class: {@code ArchitectureTest} must refuse it. Not used otherwise. */
public final class PlantedLayerViolation {

  private PlantedLayerViolation() {}

  static String kind() {
    return TopologyKind.NORMALIZE.id();
  }
}
