package dev.signet.server.web;

import dev.signet.pki.EstClient;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;

/** A new key pair and its PKCS#10 request for one mailbox, made when a person gets a digital ID in the browser. */
public record CertificateRequests(KeyPair keys, byte[] der) {

  /** RSA-2048: every mail client and tool here (OpenSSL, gpgsm) can encrypt to it. */
  public static CertificateRequests forMailbox(String email, SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, random);
      KeyPair keys = g.generateKeyPair();
      return new CertificateRequests(keys, EstClient.request(keys, email));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a key pair", e);
    }
  }
}
