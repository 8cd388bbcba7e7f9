package dev.signet.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/**
 * Each CMS content type as the reader meets it: the fuzzer shapes the content of a ContentInfo whose
 * type is fixed, so every input reaches that type's parser (bare CMS, read all the way).
 */
class CmsFuzzTest {
  private static final Smime SMIME = Smime.withDefaults().withClock(FuzzIds.READ);

  @FuzzTest(maxDuration = "2m")
  void signedData(byte[] content) {
    read(Der.SIGNED_DATA, content);
  }

  @FuzzTest(maxDuration = "2m")
  void envelopedData(byte[] content) {
    read(Der.ENVELOPED_DATA, content);
  }

  @FuzzTest(maxDuration = "2m")
  void authEnvelopedData(byte[] content) {
    read(Der.AUTH_ENVELOPED_DATA, content);
  }

  @FuzzTest(maxDuration = "2m")
  void compressedData(byte[] content) {
    read(Der.COMPRESSED_DATA, content);
  }

  private static void read(String contentType, byte[] content) {
    byte[] message = Der.contentInfo(contentType, content);
    Contract.holds(() -> SMIME.read(new ByteArrayInputStream(message), FuzzIds.options(ReadOptions.Depth.ALL),
        OutputStream.nullOutputStream()).verdict());
  }
}
