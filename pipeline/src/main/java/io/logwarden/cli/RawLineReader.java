package io.logwarden.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into records at line feeds, keeping each line's bytes as they are (invalid
 * UTF-8 included), as a producer that sends one line per record would.
 */
public final class RawLineReader implements AutoCloseable {

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

  public RawLineReader(InputStream in) {
    this.in = new BufferedInputStream(in, 64 * 1024);
  }

  /** The next line without its line ending (LF or CRLF), or null at the end of the stream. */
  public byte[] next() throws IOException {
    line.reset();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return stripCarriageReturn(line.toByteArray());
      }
      line.write(b);
    }
    return line.size() == 0 ? null : stripCarriageReturn(line.toByteArray());
  }

  private static byte[] stripCarriageReturn(byte[] bytes) {
    if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
      return java.util.Arrays.copyOf(bytes, bytes.length - 1);
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
