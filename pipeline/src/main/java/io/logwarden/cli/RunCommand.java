package io.logwarden.cli;

import io.logwarden.cluster.ClusterConnection;
import io.logwarden.cluster.ConnectionException;
import io.logwarden.config.ConfigException;
import io.logwarden.config.ConfigLoader;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.NotifyConfigLoader;
import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.notify.NotifySettings;
import io.logwarden.ops.OpsMetrics;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.ops.http.OpsHttpServer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.TopicSpec;
import io.logwarden.topics.ProvisioningReport;
import io.logwarden.topics.TopicPlan;
import io.logwarden.topics.TopicPlanner;
import io.logwarden.topology.TopologyKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code logwarden run}: runs topologies against the cluster the config file names, until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Runs the topologies against a Kafka cluster.",
    description = "Runs the topologies against a Kafka cluster until SIGTERM or Ctrl-C. Creates the policy's missing topics when its principal may (else stops naming them) and reports (never changes) existing topics whose settings differ. Each topology is its own Kafka Streams application (<application_id>-normalize, <application_id>-detect, <application_id>-notify); deploy one per workload with --topology. notify sends alerts to the destinations of the config's notify: section (all runs it when that names any). Serves /metrics, /health/live and /health/ready on http_port (default 8080).",
    footer = {"", "Examples:", "  ./logwarden run --config logwarden.yaml",
        "  ./logwarden run --config logwarden.yaml --topology detect --bootstrap-server kafka:9092",
        "  ./logwarden run --config logwarden.yaml --topology notify"})
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /** Which topologies to run. */
  enum Selection {
    normalize, detect, notify, all;

    /** @param notifying whether the config names destinations: {@code all} then includes notify */
    List<TopologyKind> kinds(boolean notifying) {
      return switch (this) {
        case normalize -> List.of(TopologyKind.NORMALIZE);
        case detect -> List.of(TopologyKind.DETECT);
        case notify -> List.of(TopologyKind.NOTIFY);
        case all -> notifying ? List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT, TopologyKind.NOTIFY)
            : List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT);
      };
    }
  }

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "Deployment config (YAML): kafka client properties, application_id, state_dir, policy.")
  Path configFile;

  @Option(names = "--topology", defaultValue = "all", paramLabel = "normalize|detect|notify|all",
      description = "Which topology to run (default: ${DEFAULT-VALUE}: normalize and detect, and notify when the config "
          + "names destinations).")
  Selection topology;

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Overrides kafka.bootstrap.servers of the config file.")
  String bootstrapServer;

  @Option(names = "--command-config", paramLabel = "FILE",
      description = "Kafka client properties (TLS, SASL) over the config file's kafka section, as for Kafka's own tools.")
  Path commandConfig;

  @Option(names = "--no-create-topics",
      description = "Create no topic: only verify that the policy's topics exist (the Helm chart's choice, where a hook "
          + "job runs `topics apply`), and stop naming any that is missing.")
  boolean noCreateTopics;

  /** Counted down to stop the pipeline: by SIGTERM/Ctrl-C through the shutdown hook, or by {@link #stop()}. */
  final CountDownLatch stop = new CountDownLatch(1);
  /** The port metrics and health are served on once started (http_port 0 takes any free one). */
  volatile int boundHttpPort = -1;

  /** The {@code run} command of a command line made by {@link LogwardenCommand#commandLine}, for a program that runs it in its own JVM. */
  public static RunCommand of(CommandLine cli) {
    return cli.getSubcommands().get("run").getCommand();
  }

  /** Stops a running {@code run} as SIGTERM would: the topologies close, then {@code call} returns. */
  public void stop() {
    stop.countDown();
  }

  /** The port metrics and health are served on, once {@code run} serves them; -1 before. */
  public int httpPort() {
    return boundHttpPort;
  }
  private final CountDownLatch closed = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    LogwardenConfig config = ConfigLoader.load(configFile);
    if (commandConfig != null) {
      config = config.withKafkaProperties(ClusterOptions.read(commandConfig));
    }
    if (bootstrapServer != null) {
      config = config.withBootstrapServers(bootstrapServer);
    }
    Policy policy = PolicyOption.load(config.policyFile());
    RuleSet rules = RulesLoader.forPolicyFile(config.policyFile(), policy);
    NotifySettings notifications = notifications(topology);
    List<TopologyKind> kinds = topology.kinds(!notifications.isEmpty());
    if (kinds.contains(TopologyKind.NOTIFY)) {
      if (notifications.isEmpty()) {
        throw new ConfigException(configFile.getFileName() + ": --topology notify, but the config's notify: section "
            + "names no destination (docs/notifications.md)");
      }
      try {
        notifications.checkRules(rules.rules().stream().map(DetectionRule::id).toList());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      notifications.unrouted().forEach(name ->
          LOG.warn("Destination {} is named by no route under notify.routes: it is sent nothing", name));
    }
    Thread hook = new Thread(() -> {
      stop.countDown();
      // Keep the JVM alive until the topologies have closed and flushed their state.
      awaitQuietly(closed, PipelineRuntime.CLOSE_TIMEOUT.plusSeconds(5));
    }, "logwarden-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (OpsMetrics metrics = new OpsMetrics();
        PipelineRuntime runtime = new PipelineRuntime(config, policy, rules, metrics.registry());
        OpsHttpServer http = OpsHttpServer.start(config.httpPort(), metrics.registry(), runtime::health)) {
      boundHttpPort = http.port();
      runtime.notifications(notifications);
      // The notify workload reads alerts and writes dead letters only: it checks those topics, which its
      // principal may see, and not the others, which it may not.
      List<TopicSpec> topics = kinds.equals(List.of(TopologyKind.NOTIFY))
          ? List.of(policy.topics().alerts(), policy.topics().deadLetter()) : policy.outputTopics();
      // TLS, login and the topic ACLs first: a refusal is one line and exit 3, not a retry loop.
      runtime.checkConnection(kinds);
      if (noCreateTopics) {
        verifyTopics(runtime, policy, topics);
      } else {
        ProvisioningReport report = runtime.provisionTopics(topics);
        LOG.info("Topics: {} created, {} as the policy says, {} drifting",
            report.created().size(), report.unchanged().size(), report.drifts().size());
      }
      runtime.checkSchemaRegistry();
      runtime.start(kinds);
      while (!stop.await(1, TimeUnit.SECONDS)) {
        Optional<Throwable> fatal = runtime.fatalFailure();
        if (fatal.isPresent()) {
          throw new ConnectionException(config.bootstrapServers(),
              ClusterConnection.describe(fatal.get()), fatal.get());
        }
        if (runtime.anyFailed()) {
          LOG.error("A topology stopped; exiting");
          return 1;
        }
      }
      LOG.info("Stopping: closing the topologies (at most {} s)", PipelineRuntime.CLOSE_TIMEOUT.toSeconds());
    } finally {
      closed.countDown();
      removeHook(hook);
    }
    return 0;
  }

  // The notify section, read (secrets too) only when notify may run: normalize and detect need none of it.
  private NotifySettings notifications(Selection selection) {
    if (selection != Selection.notify && selection != Selection.all) {
      return NotifySettings.none();
    }
    return NotifyConfigLoader.load(configFile);
  }

  // Refuses to start when a topic is missing; other differences are logged, as provisioning does.
  private static void verifyTopics(PipelineRuntime runtime, Policy policy, List<TopicSpec> topics) {
    try (Admin admin = Admin.create(runtime.adminProperties())) {
      TopicPlanner planner = new TopicPlanner(admin);
      TopicPlan plan = topics.equals(policy.outputTopics()) ? planner.plan(policy)
          : planner.plan(topics, policy.topics().partitions());
      List<String> missing = new ArrayList<>();
      for (TopicPlan.Change change : plan.changes()) {
        if (change.kind() == TopicPlan.Kind.CREATE) {
          missing.add(change.topic());
        } else {
          LOG.warn("Topic differs from the policy: {}", change.describe());
        }
      }
      if (!missing.isEmpty()) {
        throw new ConfigException("missing topic(s) " + String.join(", ", missing)
            + "; with --no-create-topics they are not created: provision them with `logwarden topics apply`");
      }
      LOG.info("Topics verified: every topic of the policy exists");
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting through this hook.
    }
  }

  private static void awaitQuietly(CountDownLatch latch, java.time.Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
