package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** A signature read whole, as verifying it needs: bounded, since its size is the message's to choose. */
final class SignatureBytes {
  private static final int MAX_SIGNATURE_BYTES = 16 << 20;

  private SignatureBytes() {}

  /** The bytes of {@code in}; {@code what} names the signature in the error when it is too large. */
  static byte[] read(InputStream in, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int r;
    while ((r = in.read(buf)) >= 0) {
      out.write(buf, 0, r);
      if (out.size() > MAX_SIGNATURE_BYTES) {
        throw new MalformedInputException("the " + what + " is larger than " + MAX_SIGNATURE_BYTES + " bytes");
      }
    }
    return out.toByteArray();
  }
}
