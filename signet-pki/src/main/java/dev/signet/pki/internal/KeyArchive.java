package dev.signet.pki.internal;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import dev.signet.pki.CaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Archived encryption keys: PKCS#8 in an application/pkcs8 entity, encrypted with Signet's own
 * S/MIME engine (AES-256-GCM AuthEnvelopedData) to the recovery agent's certificate, so only the
 * agent's digital ID opens it. The CA's passphrase does not.
 */
public final class KeyArchive {
  private KeyArchive() {}

  public static byte[] seal(PrivateKey key, X509Certificate agent, Smime smime) {
    byte[] pkcs8 = key.getEncoded();
    String entity = "Content-Type: application/pkcs8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(pkcs8) + "\r\n";
    Arrays.fill(pkcs8, (byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      smime.encrypt(new ByteArrayInputStream(entity.getBytes(StandardCharsets.US_ASCII)),
          EncryptOptions.defaults(List.of(agent)).withCipher(ContentCipher.AES_256_GCM), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static PrivateKey open(byte[] sealed, DigitalId agent, String algorithm, Smime smime) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    try {
      smime.read(new ByteArrayInputStream(sealed), ReadOptions.decrypt(List.of(agent)), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new CaException(CaException.Reason.NOT_AUTHORIZED, "the recovery agent's digital ID cannot open the archive: "
          + e.getMessage(), e);
    }
    String entity = content.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n");
    int body = entity.indexOf("\n\n");
    byte[] pkcs8 = Base64.getMimeDecoder().decode(body < 0 ? entity : entity.substring(body + 2));
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new CaException(CaException.Reason.STORE, "an archived key cannot be read", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }
}
