package dev.signet.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Base64 and PEM bodies: the fuzzer writes the encoded text under a fixed header. */
class TransferEncodingFuzzTest {
  private static final Smime SMIME = Smime.withDefaults().withClock(FuzzIds.READ);
  private static final byte[] BASE64_ENTITY = ("From: alice@example.org\r\n"
      + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
      + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PEM_BEGIN = "-----BEGIN PKCS7-----\n".getBytes(StandardCharsets.US_ASCII);

  @FuzzTest(maxDuration = "2m")
  void base64Bodies(byte[] text) {
    read(BASE64_ENTITY, text);
  }

  @FuzzTest(maxDuration = "2m")
  void pemBodies(byte[] text) {
    read(PEM_BEGIN, text);
  }

  private static void read(byte[] prefix, byte[] text) {
    byte[] message = new byte[prefix.length + text.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(text, 0, message, prefix.length, text.length);
    Contract.holds(() -> SMIME.read(new ByteArrayInputStream(message), FuzzIds.options(ReadOptions.Depth.ALL),
        OutputStream.nullOutputStream()).verdict());
  }
}
