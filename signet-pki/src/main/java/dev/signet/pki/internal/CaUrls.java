package dev.signet.pki.internal;

/** Where the CA's services answer, as written into the certificates it issues. */
public record CaUrls(String baseUrl) {
  public CaUrls {
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    if (!baseUrl.startsWith("http://")) {
      // Relying parties fetch CRLs and OCSP over plain HTTP (RFC 5280 4.2.1.13, RFC 6960 A.1): no TLS loop.
      throw new IllegalArgumentException("the CA URL must be http://HOST[:PORT]: " + baseUrl);
    }
  }

  public static final String ISSUING_CRL_PATH = "/crl/issuing.crl";
  public static final String ROOT_CRL_PATH = "/crl/root.crl";
  public static final String OCSP_PATH = "/ocsp";
  public static final String ISSUING_CERTIFICATE_PATH = "/ca/issuing.cer";
  public static final String ROOT_CERTIFICATE_PATH = "/ca/root.cer";

  public String issuingCrl() {
    return baseUrl + ISSUING_CRL_PATH;
  }

  public String rootCrl() {
    return baseUrl + ROOT_CRL_PATH;
  }

  public String ocsp() {
    return baseUrl + OCSP_PATH;
  }

  public String rootCertificate() {
    return baseUrl + ROOT_CERTIFICATE_PATH;
  }

  public String issuingCertificate() {
    return baseUrl + ISSUING_CERTIFICATE_PATH;
  }
}
