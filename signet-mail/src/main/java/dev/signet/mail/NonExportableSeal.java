package dev.signet.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * The password a non-exportable ID's file is sealed under: derived from the person's, so the file
 * opens only through the store, and tools such as {@code openssl pkcs12} given the person's password
 * cannot read the key. A software seal, as strong as a platform's non-exportable flag, not a token's.
 */
final class NonExportableSeal {
  private static final byte[] CONTEXT = "signet non-exportable digital ID v1\0".getBytes(StandardCharsets.US_ASCII);

  private NonExportableSeal() {}

  static char[] password(char[] personal) {
    ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(personal));
    byte[] bytes = new byte[utf8.remaining()];
    utf8.get(bytes);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(CONTEXT);
      byte[] digest = sha.digest(bytes);
      return Base64.getEncoder().withoutPadding().encodeToString(digest).toCharArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
