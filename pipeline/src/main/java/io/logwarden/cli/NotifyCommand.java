package io.logwarden.cli;

import io.logwarden.config.ConfigException;
import io.logwarden.config.NotifyConfigLoader;
import io.logwarden.notify.Notifier;
import io.logwarden.notify.NotifySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logwarden notify}: the notify topology's destinations. */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    header = "Works with the destinations alerts are sent to.",
    description = "Commands for the destinations of the config file's notify: section (docs/notifications.md).",
    subcommands = {NotifyCommand.Test.class})
final class NotifyCommand {

  /** Exit code of {@code notify test} when a destination did not take its test notification. */
  static final int FAILED = 1;

  /** {@code logwarden notify test}. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      header = "Sends one test notification to each destination and reports what each did.",
      description = "Reads the notify: section of the config file (its secrets too, as run does) and sends a made-up "
          + "alert (rule " + Notifier.TEST_RULE + ", severity LOW, marked as a test) to every destination, or those "
          + "named, whatever the routes: one attempt each, no retry. PagerDuty is sent a trigger and then its resolve, "
          + "so no incident stays open; a file destination gets one line. Prints one line per destination; exits "
          + FAILED + " when any did not take it. Needs no Kafka cluster.",
      footer = {"", "Examples:", "  ./logwarden notify test --config logwarden.yaml",
          "  ./logwarden notify test --config logwarden.yaml --destination secops-slack"})
  static final class Test implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "Deployment config (YAML) whose notify: section names the destinations.")
    Path configFile;

    @Option(names = "--destination", paramLabel = "NAME",
        description = "Only this destination (repeatable). Default: every destination.")
    List<String> destinations = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      NotifySettings settings = NotifyConfigLoader.load(configFile);
      if (settings.isEmpty()) {
        throw new ConfigException(configFile.getFileName() + ": the notify: section names no destination");
      }
      Set<String> names = new LinkedHashSet<>(destinations);
      for (String name : names) {
        if (!settings.destinations().containsKey(name)) {
          throw new ConfigException(configFile.getFileName() + ": no destination '" + name + "' (destinations: "
              + String.join(", ", settings.destinations().keySet()) + ")");
        }
      }
      List<Notifier.TestResult> results;
      try (Notifier notifier = Notifier.start(settings, new SimpleMeterRegistry())) {
        results = notifier.test(names);
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"destination", "type", "result", "detail"});
      int failed = 0;
      for (Notifier.TestResult result : results) {
        rows.add(new String[] {result.destination(), result.type().word(), result.ok() ? "OK" : "FAILED",
            result.detail()});
        failed += result.ok() ? 0 : 1;
      }
      out.print(TextTable.render(rows));
      out.println(failed == 0 ? "Every destination took its test notification."
          : failed + " of " + results.size() + " destination(s) did not take their test notification.");
      out.flush();
      return failed == 0 ? 0 : FAILED;
    }
  }
}
