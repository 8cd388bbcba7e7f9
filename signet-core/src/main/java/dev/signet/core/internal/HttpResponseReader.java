package dev.signet.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.x response (RFC 9112) from a connection: the status, then a body framed by
 * Content-Length, chunked transfer coding or the end of the connection, never more than the maximum.
 */
final class HttpResponseReader {
  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADER_LINES = 100;

  /** The status and body of a response. */
  record Response(int status, byte[] body) {}

  private final InputStream in;
  private final long maxBody;

  HttpResponseReader(InputStream in, long maxBody) {
    this.in = in;
    this.maxBody = maxBody;
  }

  Response read() throws IOException {
    int status = status(line());
    long length = -1;
    boolean chunked = false;
    for (int i = 0; ; i++) {
      String header = line();
      if (header.isEmpty()) {
        break;
      }
      if (i == MAX_HEADER_LINES) {
        throw new IOException("the response has more than " + MAX_HEADER_LINES + " header lines");
      }
      int colon = header.indexOf(':');
      String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      if (name.equals("content-length")) {
        length = contentLength(value);
      } else if (name.equals("transfer-encoding")) {
        chunked = value.endsWith("chunked");
      }
    }
    if (status != 200) {
      return new Response(status, new byte[0]);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      readChunks(body);
    } else if (length >= 0) {
      copy(body, length, true);
    } else {
      copy(body, Long.MAX_VALUE, false);
    }
    return new Response(status, body.toByteArray());
  }

  private static int status(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1 response: " + abbreviated(line));
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + abbreviated(line), e);
    }
  }

  private long contentLength(String value) throws IOException {
    try {
      long length = Long.parseLong(value);
      if (length < 0) {
        throw new NumberFormatException(value);
      }
      refuseBeyondMax(length);
      return length;
    } catch (NumberFormatException e) {
      throw new IOException("not a Content-Length: " + abbreviated(value), e);
    }
  }

  private void readChunks(ByteArrayOutputStream body) throws IOException {
    while (true) {
      String size = line();
      int extension = size.indexOf(';');
      long chunk;
      try {
        chunk = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("not a chunk size: " + abbreviated(size), e);
      }
      if (chunk == 0) {
        while (!line().isEmpty()) {
          // Trailer fields carry nothing revocation needs.
        }
        return;
      }
      refuseBeyondMax(body.size() + chunk);
      copy(body, chunk, true);
      line();
    }
  }

  /** Copies {@code count} bytes (or up to the end when not {@code exact}), within the maximum. */
  private void copy(ByteArrayOutputStream body, long count, boolean exact) throws IOException {
    byte[] buffer = new byte[8192];
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        if (exact) {
          throw new IOException("the response ended " + left + " bytes early");
        }
        return;
      }
      refuseBeyondMax(body.size() + (long) n);
      body.write(buffer, 0, n);
      left -= n;
    }
  }

  private void refuseBeyondMax(long size) throws IOException {
    if (size > maxBody) {
      throw new IOException("the response is larger than " + maxBody + " bytes");
    }
  }

  /** One line without its CRLF (a bare LF is accepted, RFC 9112 section 2.2). */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("the connection closed in the middle of the response head");
      }
      if (line.size() == MAX_LINE) {
        throw new IOException("a response line is longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static String abbreviated(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
