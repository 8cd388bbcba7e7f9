package dev.signet.pki.internal;

import dev.signet.core.Certificates;
import dev.signet.pki.CaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** DER and PEM for certificates, requests and CRLs. */
public final class Pem {
  private Pem() {}

  public static String text(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  public static String certificates(List<X509Certificate> certs) {
    StringBuilder all = new StringBuilder();
    certs.forEach(c -> all.append(text("CERTIFICATE", encoded(c))));
    return all.toString();
  }

  public static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate that cannot be encoded", e);
    }
  }

  public static X509Certificate certificate(byte[] der) {
    try {
      return Certificates.read(new ByteArrayInputStream(der)).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The DER inside {@code input}: PEM with any label, bare base64 (as EST sends), or DER itself.
   */
  public static byte[] der(byte[] input, String what) {
    String text = new String(input, StandardCharsets.ISO_8859_1).strip();
    if (input.length > 0 && input[0] == 0x30) {
      return input;
    }
    int begin = text.indexOf("-----BEGIN ");
    if (begin >= 0) {
      int bodyStart = text.indexOf('\n', begin);
      int end = text.indexOf("-----END ", Math.max(bodyStart, 0));
      if (bodyStart < 0 || end < 0) {
        throw new CaException(CaException.Reason.BAD_REQUEST, "not a " + what + ": a PEM block without its end");
      }
      text = text.substring(bodyStart, end);
    }
    try {
      return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "not a " + what + " (PEM, base64 or DER)", e);
    }
  }
}
