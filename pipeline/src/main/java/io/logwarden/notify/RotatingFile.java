package io.logwarden.notify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file of lines that is rotated by size, as logrotate's default does: when the next line would
 * make it larger than the limit, {@code path} is renamed to {@code path.1} (an older {@code path.1}
 * to {@code path.2}, and so on, the oldest beyond {@code keep} deleted) and a new {@code path} is
 * begun. A tailing agent (Wazuh's logcollector, Filebeat, Vector) sees the rename and follows the
 * new file. Each line is written whole and forced to the disk before {@link #append} returns, so a
 * line reported written survives a crash of the process.
 */
final class RotatingFile implements AutoCloseable {

  private final Path path;
  private final long maxBytes;
  private final int keep;
  private FileChannel channel;
  private long size;

  /**
   * @param maxBytes the size a file may reach; a single longer line still gets a file of its own
   * @param keep how many rotated files are kept
   */
  RotatingFile(Path path, long maxBytes, int keep) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  /** Appends {@code line} and a newline, rotating first when the file would pass its limit. */
  synchronized void append(String line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    open();
    if (size > 0 && size + bytes.remaining() > maxBytes) {
      rotate();
      open();
    }
    int length = bytes.remaining();
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    channel.force(false);
    size += length;
  }

  /** The n-th rotated file: {@code path.n}. */
  Path rotated(int n) {
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  private void open() throws IOException {
    if (channel != null && channel.isOpen()) {
      return;
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    size = channel.size();
  }

  private void rotate() throws IOException {
    channel.close();
    channel = null;
    if (keep == 0) {
      Files.deleteIfExists(path);
      return;
    }
    Files.deleteIfExists(rotated(keep));
    for (int n = keep - 1; n >= 1; n--) {
      if (Files.exists(rotated(n))) {
        Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
