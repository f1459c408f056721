package io.logwarden.benchmarks.parent;

import io.logwarden.benchmarks.MixedCorpus;
import io.logwarden.benchmarks.RedactBenchmark;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This build against another one (the parent commit) in one JMH run: normalize and redact per record,
 * each side's classes in their own class loader, driven by the same {@link PipelineDriver}. {@code side}
 * {@code current} loads the jars of {@code -Dlogwarden.current} (default: this checkout), {@code parent}
 * those of {@code -Dlogwarden.parent}: a checkout of the other commit, built with {@code mvn -DskipTests
 * package}. Pass both to the forks with {@code -jvmArgsAppend}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class ParentComparisonBenchmark {

  @Param({"parent", "current"})
  public String side;

  /**
   * {@code mixed} or {@code auth}: {@link io.logwarden.benchmarks.MixedCorpus}'s records; {@code lines-5},
   * {@code lines-50}: {@link RedactBenchmark}'s lines with that percentage of secrets.
   */
  @Param({"mixed", "auth", "lines-5", "lines-50"})
  public String corpus;

  private MethodHandle next;

  @Setup
  public void setUp() throws Throwable {
    String root = side.equals("parent") ? System.getProperty("logwarden.parent")
        : System.getProperty("logwarden.current", ".");
    if (root == null) {
      throw new IllegalStateException("set -Dlogwarden.parent=DIR: a checkout of the commit to compare with, built"
          + " with mvn -DskipTests package (pass it to the forks with -jvmArgsAppend)");
    }
    Class<?> driver = new DriverLoader(jars(new File(root, "benchmarks/target/lib"))).loadClass(PipelineDriver.class.getName());
    List<String> lines = corpus.startsWith("lines-")
        ? RedactBenchmark.lines(Integer.parseInt(corpus.substring("lines-".length()))) : MixedCorpus.lines(corpus);
    driver.getMethod("setUp", List.class).invoke(null, lines);
    next = MethodHandles.publicLookup().findStatic(driver, "next", MethodType.methodType(int.class));
    nextLine = MethodHandles.publicLookup().findStatic(driver, "redactNextLine", MethodType.methodType(int.class));
  }

  private MethodHandle nextLine;

  /** Normalize and redact one record, as the normalize topology does. */
  @Benchmark
  public int normalizeAndRedactOneRecord() throws Throwable {
    return (int) next.invokeExact();
  }

  /** Redaction alone (secrets and personal data) of one line, as {@link RedactBenchmark#redactLine} does. */
  @Benchmark
  public int redactOneLine() throws Throwable {
    return (int) nextLine.invokeExact();
  }

  private static URL[] jars(File lib) throws MalformedURLException {
    File[] files = lib.listFiles((dir, name) -> name.endsWith(".jar"));
    if (files == null || files.length == 0) {
      throw new IllegalStateException(lib + " holds no jars: build that checkout with mvn -DskipTests package");
    }
    List<URL> urls = new ArrayList<>();
    for (File file : files) {
      urls.add(file.toURI().toURL());
    }
    return urls.toArray(URL[]::new);
  }

  /** A build's jars, and the driver defined anew from this build's bytes so that it links against them. */
  private static final class DriverLoader extends URLClassLoader {
    DriverLoader(URL[] jars) {
      super(jars, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (!name.equals(PipelineDriver.class.getName())) {
        return super.findClass(name);
      }
      try (InputStream in = ParentComparisonBenchmark.class.getResourceAsStream("PipelineDriver.class")) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
