package dev.signet.core;

import dev.signet.core.internal.CertificateEmails;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reading certificates and CRLs (PEM, one or several, or DER), and what a certificate says. */
public final class Certificates {
  private Certificates() {}

  /** Every certificate in a PEM or DER input; at least one. */
  public static List<X509Certificate> read(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    try {
      List<X509Certificate> certs = new ArrayList<>();
      for (var c : factory().generateCertificates(new ByteArrayInputStream(bytes))) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new MalformedInputException("no certificate found");
      }
      return certs;
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof MalformedInputException m) {
        throw m;
      }
      throw new MalformedInputException("not a certificate (PEM or DER): " + reason(e), e);
    }
  }

  /** Every CRL in a PEM or DER input; at least one. */
  public static List<X509CRL> readCrls(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    try {
      List<X509CRL> crls = new ArrayList<>();
      for (var c : factory().generateCRLs(new ByteArrayInputStream(bytes))) {
        crls.add((X509CRL) c);
      }
      if (crls.isEmpty()) {
        throw new MalformedInputException("no CRL found");
      }
      return crls;
    } catch (CRLException | RuntimeException e) {
      if (e instanceof MalformedInputException m) {
        throw m;
      }
      throw new MalformedInputException("not a CRL (PEM or DER): " + reason(e), e);
    }
  }

  /** The email addresses a certificate carries: SAN rfc822Name first, then emailAddress in the subject. */
  public static List<String> emails(X509Certificate cert) {
    return CertificateEmails.of(cert);
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
