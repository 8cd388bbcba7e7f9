package dev.signet.core.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The caller's streams, watched: an IOException they throw is an I/O failure to pass on, while any
 * other IOException met while reading arises from decoding the bytes, so the input is malformed.
 * (Parsers such as Bouncy Castle's ASN.1 reader and the JDK's inflater throw plain IOExceptions.)
 */
final class CallerStreams {
  private boolean failed;

  boolean failed() {
    return failed;
  }

  InputStream watch(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          failed = true;
          throw e;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return in.read(b, off, len);
        } catch (IOException e) {
          failed = true;
          throw e;
        }
      }
    };
  }

  OutputStream watch(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        try {
          out.write(b);
        } catch (IOException e) {
          failed = true;
          throw e;
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          failed = true;
          throw e;
        }
      }

      @Override
      public void flush() throws IOException {
        try {
          out.flush();
        } catch (IOException e) {
          failed = true;
          throw e;
        }
      }
    };
  }
}
