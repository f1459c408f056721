package io.logwarden.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = LogwardenCommand.class.getPackage().getImplementationVersion();
    return new String[] {"logwarden " + (version == null ? "(development build)" : version)};
  }
}
