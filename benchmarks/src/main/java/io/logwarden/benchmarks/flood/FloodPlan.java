package io.logwarden.benchmarks.flood;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The attack flood, planned before it is sent: failed sshd sign-ins from many source addresses
 * against many users over an event-time span, with password sprays among them and successful
 * sign-ins after failures, as events in the order they are produced (event-time order). Times are
 * milliseconds from the flood's start; the lines get absolute times when they are rendered.
 * Deterministic for its {@link Settings}.
 *
 * <p>The traffic:
 * <ul>
 *   <li><b>Sprays</b>: a share of the addresses ({@code sprayShare}) each try 20 to 60 distinct users
 *       once, within 20 to 90 s.
 *   <li><b>Low and slow</b>: a share of the other addresses ({@code lowAndSlowShare}) try 1 to 6
 *       times each, at random over the whole span: under every threshold of their own.
 *   <li><b>Brute force</b>: the remaining addresses share the rest of the failures, heavy-tailed (the
 *       address of rank r gets a share proportional to 1/(r+1)^0.7, at least one each), each against 1
 *       to 3 target users (the first uniform over all users, others drawn by popularity, 1/rank) at
 *       uniformly random times within an active period of its own (10 s to the whole span, longer
 *       the more attempts). Low-and-slow addresses try one user, uniform over all.
 *   <li><b>Invalid users</b>: a share of the users ({@code invalidUserShare}) do not exist: their
 *       failures are sshd's "Failed password for invalid user", preceded by its "Invalid user"
 *       notice (no sign-in itself).
 *   <li><b>Successes</b>: {@code compromisedUsers} existing users each sign in successfully 1 to 3
 *       times, each within a second after one of their failures that completes at least 5 failures
 *       within the last 600 s (so after at least 5 failures of that user), from that failure's address.
 * </ul>
 * No two events of one address, nor of one user, share a millisecond (a clash is moved on by 1 ms),
 * so the order of a key's events does not depend on the order in which events of equal time arrive.
 */
public final class FloodPlan {

  /**
   * @param events failed sign-ins in all (sprays included; successes come on top)
   * @param spanMs the event-time span the failures are spread over
   * @param hosts the sshd hosts attacked (each address attacks one)
   */
  public record Settings(long events, long spanMs, int addresses, int users, double sprayShare,
      double lowAndSlowShare, int sprayUsersMin, int sprayUsersMax, int compromisedUsers, double invalidUserShare,
      int hosts, long seed) {

    public Settings {
      if (events < 1 || events >= (1L << INDEX_BITS) / 2) {
        throw new IllegalArgumentException("events must be 1 to " + ((1L << INDEX_BITS) / 2 - 1));
      }
      if (spanMs < 1_000 || spanMs >= (1L << 38)) {
        throw new IllegalArgumentException("the span must be at least 1 s");
      }
      if (addresses < 1 || addresses > MAX_ADDRESSES) {
        throw new IllegalArgumentException("addresses must be 1 to " + MAX_ADDRESSES);
      }
      if (users < 2) {
        throw new IllegalArgumentException("users must be at least 2");
      }
      if (sprayShare < 0 || sprayShare >= 1 || invalidUserShare < 0 || invalidUserShare >= 1 || lowAndSlowShare < 0
          || lowAndSlowShare >= 1) {
        throw new IllegalArgumentException("shares must be in [0, 1)");
      }
      if (sprayUsersMin < 1 || sprayUsersMax < sprayUsersMin || hosts < 1 || compromisedUsers < 0) {
        throw new IllegalArgumentException("bad spray, host or compromised-user numbers");
      }
    }
  }

  /** Addresses come from 198.18.0.0/15 (RFC 2544, for benchmarks), without .0 and .255. */
  static final int MAX_ADDRESSES = 254 * 512;
  private static final int INDEX_BITS = 24;
  /** The window within which a success must follow at least 5 failures (the shipped rule's). */
  private static final long SUCCESS_WINDOW_MS = 600_000;
  private static final int SUCCESS_AFTER = 5;

  // Account names: existing accounts, and names that do not exist (what guessing tries). Numbered, so
  // that none is a name of the background corpus (user<N>, ops<N>, admin, deploy, alice, ...).
  private static final String[] ACCOUNTS = {"oracle", "postgres", "deploy", "jenkins", "ubuntu", "git", "backup",
      "nagios", "tomcat", "hadoop", "www", "mysql", "ftp", "ansible", "svc", "dev", "web", "mail", "build", "monitor"};
  private static final String[] GUESSES = {"admin", "test", "guest", "support", "pi", "ubnt", "minecraft", "steam",
      "demo", "student"};

  private final Settings settings;
  private final int size;
  private final long[] time;
  private final int[] address;
  private final int[] user;
  private final boolean[] success;
  private final boolean[] sprayer;
  private final int validUsers;
  private final long sprayFailures;
  private final int lowAndSlowAddresses;
  private final long lowAndSlowFailures;
  private final String[] userNames;
  private final String[] hostNames;

  private FloodPlan(Settings settings, int size, long[] time, int[] address, int[] user, boolean[] success,
      boolean[] sprayer, int validUsers, long sprayFailures, int lowAndSlowAddresses, long lowAndSlowFailures) {
    this.lowAndSlowAddresses = lowAndSlowAddresses;
    this.lowAndSlowFailures = lowAndSlowFailures;
    this.settings = settings;
    this.size = size;
    this.time = time;
    this.address = address;
    this.user = user;
    this.success = success;
    this.sprayer = sprayer;
    this.validUsers = validUsers;
    this.sprayFailures = sprayFailures;
    this.userNames = new String[settings.users()];
    for (int u = 0; u < userNames.length; u++) {
      userNames[u] = u < validUsers ? ACCOUNTS[u % ACCOUNTS.length] + (u / ACCOUNTS.length + 1)
          : GUESSES[(u - validUsers) % GUESSES.length] + ((u - validUsers) / GUESSES.length + 1);
    }
    this.hostNames = new String[settings.hosts()];
    for (int h = 0; h < hostNames.length; h++) {
      hostNames[h] = "sshgw-" + (h + 1);
    }
  }

  /** Plans the flood. */
  public static FloodPlan generate(Settings s) {
    SplittableRandom random = new SplittableRandom(s.seed());
    int users = s.users();
    int validUsers = Math.max(1, users - (int) Math.round(users * s.invalidUserShare()));
    int capacity = Math.toIntExact(s.events() + 3L * s.compromisedUsers());
    long[] time = new long[capacity];
    int[] address = new int[capacity];
    int[] user = new int[capacity];
    boolean[] success = new boolean[capacity];
    int n = 0;

    int[] addresses = permutation(s.addresses(), random);
    int sprayers = s.addresses() < 2 || s.sprayShare() == 0 ? 0
        : (int) Math.max(1, Math.min(s.addresses() - 1, Math.round(s.addresses() * s.sprayShare())));
    boolean[] isSprayer = new boolean[s.addresses()];
    long span = s.spanMs();

    // Sprays: distinct users, once each, within a short burst.
    int[] everyUser = permutation(users, random);
    long sprayFailures = 0;
    for (int i = 0; i < sprayers; i++) {
      int a = addresses[i];
      isSprayer[a] = true;
      int lo = Math.min(s.sprayUsersMin(), users);
      int hi = Math.min(s.sprayUsersMax(), users);
      int m = lo + random.nextInt(hi - lo + 1);
      long duration = Math.min(span, 20_000 + random.nextLong(70_001));
      long start = random.nextLong(span - duration + 1);
      // A partial shuffle: the first m of everyUser are a uniform sample.
      for (int k = 0; k < m; k++) {
        int j = k + random.nextInt(users - k);
        int swap = everyUser[k];
        everyUser[k] = everyUser[j];
        everyUser[j] = swap;
        time[n] = start + random.nextLong(duration);
        address[n] = a;
        user[n] = everyUser[k];
        n++;
      }
      sprayFailures += m;
    }
    if (sprayFailures >= s.events()) {
      throw new IllegalArgumentException("the sprays alone need " + sprayFailures + " events; give more events");
    }

    // Low and slow: a few attempts each, spread over the whole span.
    int slow = (int) Math.round((s.addresses() - sprayers) * s.lowAndSlowShare());
    if (sprayFailures + 6L * slow + (s.addresses() - sprayers - slow) > s.events()) {
      slow = 0; // too few events for them: every address brute-forces
    }
    long slowFailures = 0;
    for (int i = 0; i < slow; i++) {
      int a = addresses[sprayers + i];
      int attempts = 1 + random.nextInt(6);
      int target = random.nextInt(users);
      for (int k = 0; k < attempts; k++) {
        time[n] = random.nextLong(span);
        address[n] = a;
        user[n] = target;
        n++;
      }
      slowFailures += attempts;
    }

    // Brute force: a heavy-tailed share of the rest per address, each against a few users.
    int bruteForcers = s.addresses() - sprayers - slow;
    long rest = s.events() - sprayFailures - slowFailures;
    long[] counts = heavyTailed(rest, bruteForcers);
    double[] popularity = popularityCdf(users);
    int[] byPopularity = permutation(users, random);
    for (int r = 0; r < bruteForcers; r++) {
      int a = addresses[sprayers + slow + r];
      long c = counts[r];
      if (c == 0) {
        continue;
      }
      int targetCount = 1 + (random.nextDouble() < 0.3 ? 1 : 0) + (random.nextDouble() < 0.1 ? 1 : 0);
      int[] targets = new int[targetCount];
      targets[0] = random.nextInt(users);
      for (int k = 1; k < targetCount; k++) {
        targets[k] = byPopularity[draw(popularity, random)];
      }
      long minDuration = Math.min(span, Math.max(10_000, c * 25));
      long duration = minDuration + (long) ((span - minDuration) * Math.sqrt(random.nextDouble()));
      long start = random.nextLong(span - duration + 1);
      for (long k = 0; k < c; k++) {
        time[n] = start + random.nextLong(duration);
        address[n] = a;
        user[n] = targets[random.nextInt(targetCount)];
        n++;
      }
    }
    int failures = n;

    // Successes: existing users signing in right after a failure that completes 5 within 600 s.
    List<Integer> candidates = new ArrayList<>();
    for (int u : permutation(validUsers, random)) {
      candidates.add(u);
    }
    int[] failuresOf = new int[users];
    for (int i = 0; i < failures; i++) {
      failuresOf[user[i]]++;
    }
    int compromised = 0;
    for (int u : candidates) {
      if (compromised == s.compromisedUsers()) {
        break;
      }
      if (failuresOf[u] < SUCCESS_AFTER) {
        continue;
      }
      int[] mine = new int[failuresOf[u]];
      int m = 0;
      for (int i = 0; i < failures; i++) {
        if (user[i] == u) {
          mine[m++] = i;
        }
      }
      Integer[] sorted = Arrays.stream(mine).boxed().sorted((x, y) -> Long.compare(time[x], time[y])).toArray(Integer[]::new);
      int wanted = 1 + (random.nextDouble() < 0.5 ? 1 : 0) + (random.nextDouble() < 0.25 ? 1 : 0);
      int placed = 0;
      int j = SUCCESS_AFTER - 1 + random.nextInt(Math.max(1, (sorted.length - SUCCESS_AFTER + 1) / 2));
      while (placed < wanted && j < sorted.length) {
        int failure = sorted[j];
        int fifthBack = sorted[j - (SUCCESS_AFTER - 1)];
        // Within a second after the failure, and the 5 failures still within the window ending there.
        if (time[failure] - time[fifthBack] < SUCCESS_WINDOW_MS - 2_000) {
          time[n] = time[failure] + 1 + random.nextInt(1_000);
          address[n] = address[failure];
          user[n] = u;
          success[n] = true;
          n++;
          placed++;
          j += 1 + random.nextInt(Math.max(1, (sorted.length - j) / 2));
        } else {
          j++;
        }
      }
      if (placed > 0) {
        compromised++;
      }
    }

    // Production order: by time; then no address and no user has two events in one millisecond
    // (a clash moves the later event on by 1 ms, which keeps each key's own order), then by time again.
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = (time[i] << INDEX_BITS) | i;
    }
    Arrays.sort(order);
    long[] lastOfAddress = new long[s.addresses()];
    long[] lastOfUser = new long[users];
    Arrays.fill(lastOfAddress, -1);
    Arrays.fill(lastOfUser, -1);
    long[] moved = new long[n];
    for (int k = 0; k < n; k++) {
      int i = (int) (order[k] & ((1L << INDEX_BITS) - 1));
      long t = Math.max(time[i], Math.max(lastOfAddress[address[i]], lastOfUser[user[i]]) + 1);
      lastOfAddress[address[i]] = t;
      lastOfUser[user[i]] = t;
      moved[k] = (t << INDEX_BITS) | k;
    }
    Arrays.sort(moved);
    long[] finalTime = new long[n];
    int[] finalAddress = new int[n];
    int[] finalUser = new int[n];
    boolean[] finalSuccess = new boolean[n];
    for (int k = 0; k < n; k++) {
      int firstOrder = (int) (moved[k] & ((1L << INDEX_BITS) - 1));
      int i = (int) (order[firstOrder] & ((1L << INDEX_BITS) - 1));
      finalTime[k] = moved[k] >>> INDEX_BITS;
      finalAddress[k] = address[i];
      finalUser[k] = user[i];
      finalSuccess[k] = success[i];
    }
    return new FloodPlan(s, n, finalTime, finalAddress, finalUser, finalSuccess, isSprayer, validUsers, sprayFailures,
        slow, slowFailures);
  }

  /** {@code total} split over {@code slots} in proportion to 1/(r+1)^0.7, at least 1 each when there are enough. */
  private static long[] heavyTailed(long total, int slots) {
    long[] counts = new long[slots];
    if (slots == 0) {
      return counts;
    }
    long base = total >= slots ? 1 : 0;
    long left = total - base * slots;
    double[] weight = new double[slots];
    double sum = 0;
    for (int r = 0; r < slots; r++) {
      weight[r] = Math.pow(r + 1, -0.7);
      sum += weight[r];
    }
    long given = 0;
    for (int r = 0; r < slots; r++) {
      long share = (long) Math.floor(left * weight[r] / sum);
      counts[r] = base + share;
      given += share;
    }
    // What flooring left over goes to the busiest, one each.
    for (int r = 0; given < left; r = (r + 1) % slots) {
      counts[r]++;
      given++;
    }
    return counts;
  }

  private static double[] popularityCdf(int users) {
    double[] cdf = new double[users];
    double sum = 0;
    for (int r = 0; r < users; r++) {
      sum += 1.0 / (r + 1);
      cdf[r] = sum;
    }
    return cdf;
  }

  private static int draw(double[] cdf, SplittableRandom random) {
    double x = random.nextDouble() * cdf[cdf.length - 1];
    int i = Arrays.binarySearch(cdf, x);
    return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = p[i];
      p[i] = p[j];
      p[j] = swap;
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------

  public Settings settings() {
    return settings;
  }

  /** Events planned: failures and successes. */
  public int size() {
    return size;
  }

  /** Event {@code i}'s time, in ms from the flood's start. */
  public long time(int i) {
    return time[i];
  }

  public int address(int i) {
    return address[i];
  }

  public int user(int i) {
    return user[i];
  }

  public boolean isSuccess(int i) {
    return success[i];
  }

  /** Whether the user exists (its failures are "Failed password for USER"; else "... for invalid user USER"). */
  public boolean isValidUser(int u) {
    return u < validUsers;
  }

  public boolean isSprayer(int a) {
    return sprayer[a];
  }

  public long sprayFailures() {
    return sprayFailures;
  }

  public int lowAndSlowAddresses() {
    return lowAndSlowAddresses;
  }

  public long lowAndSlowFailures() {
    return lowAndSlowFailures;
  }

  /** The address as the log writes it. */
  public String addressText(int a) {
    int fourth = 1 + a % 254;
    int rest = a / 254;
    return "198." + (18 + rest / 256) + "." + (rest % 256) + "." + fourth;
  }

  public String userName(int u) {
    return userNames[u];
  }

  /** The host the address attacks. */
  public int hostOf(int a) {
    return (int) Long.remainderUnsigned(mix(a * 0x9E3779B97F4A7C15L + 17), hostNames.length);
  }

  public String hostName(int h) {
    return hostNames[h];
  }

  /** Raw lines event {@code i} is logged as: 1, or 2 for an invalid user (the notice first). */
  public int linesOf(int i) {
    return !success[i] && !isValidUser(user[i]) ? 2 : 1;
  }

  /** The event's time in the line's format, for a flood that starts at {@code startMs} (epoch ms). */
  private final StringBuilder stamp = new StringBuilder(32);
  private long stampSecond = Long.MIN_VALUE;
  private String stampPrefix;
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private String timestamp(long epochMs) {
    long second = Math.floorDiv(epochMs, 1000);
    if (second != stampSecond) {
      stampSecond = second;
      stampPrefix = SECONDS.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
    }
    int millis = (int) Math.floorMod(epochMs, 1000);
    stamp.setLength(0);
    stamp.append(stampPrefix).append('.');
    if (millis < 100) {
      stamp.append('0');
    }
    if (millis < 10) {
      stamp.append('0');
    }
    return stamp.append(millis).append('Z').toString();
  }

  /**
   * Appends line {@code k} (0 or 1, see {@link #linesOf}) of event {@code i} for a flood that starts
   * at {@code startMs}: rsyslog's high-precision format, {@code <RFC 3339 time> HOST sshd[PID]: MESSAGE}.
   * Not thread-safe.
   */
  public String line(int i, int k, long startMs) {
    int a = address[i];
    int u = user[i];
    long hash = mix(i * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    int pid = 2_000 + (int) Long.remainderUnsigned(hash, 60_000);
    int port = 32_768 + (int) Long.remainderUnsigned(hash >>> 20, 28_232);
    StringBuilder line = new StringBuilder(120);
    line.append(timestamp(startMs + time[i])).append(' ').append(hostNames[hostOf(a)]).append(" sshd[").append(pid)
        .append("]: ");
    String from = " from " + addressText(a) + " port " + port;
    if (success[i]) {
      line.append("Accepted password for ").append(userNames[u]).append(from).append(" ssh2");
    } else if (!isValidUser(u)) {
      if (k == 0) {
        line.append("Invalid user ").append(userNames[u]).append(from);
      } else {
        line.append("Failed password for invalid user ").append(userNames[u]).append(from).append(" ssh2");
      }
    } else {
      String method = Long.remainderUnsigned(hash >>> 40, 20) == 0 ? "keyboard-interactive/pam" : "password";
      line.append("Failed ").append(method).append(" for ").append(userNames[u]).append(from).append(" ssh2");
    }
    return line.toString();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
