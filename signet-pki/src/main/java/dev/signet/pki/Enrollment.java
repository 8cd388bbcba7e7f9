package dev.signet.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** The outcome of an enrollment request: a certificate, or a rejection with its reason. */
public sealed interface Enrollment {

  /** A short sentence for the person, sent back in the signed status message. */
  String statusText();

  /** Issued: the certificate and the chain above it (issuing CA, root). */
  record Issued(IssuedCertificate issued, List<X509Certificate> caChain) implements Enrollment {
    public Issued {
      Objects.requireNonNull(issued, "issued");
      caChain = List.copyOf(caChain);
    }

    @Override
    public String statusText() {
      return "Accepted: a " + issued.profile().cliName() + " certificate for " + issued.email() + ", serial "
          + issued.serial() + ", valid until " + issued.notAfter() + ".";
    }
  }

  /** Issued for a key the server made (EST serverkeygen); the key goes to the person with the certificate. */
  record KeyMade(IssuedCertificate issued, List<X509Certificate> caChain, PrivateKey key) implements Enrollment {
    public KeyMade {
      Objects.requireNonNull(issued, "issued");
      caChain = List.copyOf(caChain);
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String statusText() {
      return "Accepted: a key made by the CA and its encryption certificate for " + issued.email() + ", serial "
          + issued.serial() + ", valid until " + issued.notAfter() + ".";
    }

    @Override
    public String toString() {
      return "KeyMade[" + issued.serial() + "]";
    }
  }

  /** Refused, for a reason the person can act on. */
  record Rejected(CaException.Reason reason, String message) implements Enrollment {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String statusText() {
      return "Rejected (" + reason + "): " + message;
    }
  }
}
