package dev.signet.core;

import java.util.Objects;

/** One layer of protection, outermost first in a {@link SecurityReport}. */
public sealed interface Layer permits Layer.Signed, Layer.Encrypted {

  /** How a signed layer was framed. */
  enum SignedFormat {
    CLEAR,
    OPAQUE,
    DETACHED
  }

  /** A SignedData layer. */
  record Signed(SignedFormat format) implements Layer {
    public Signed {
      Objects.requireNonNull(format, "format");
    }
  }

  /** An EnvelopedData or AuthEnvelopedData layer. */
  record Encrypted(ContentCipher cipher) implements Layer {
    public Encrypted {
      Objects.requireNonNull(cipher, "cipher");
    }

    public int keyBits() {
      return cipher.keyBits();
    }

    public boolean authenticated() {
      return cipher.authenticated();
    }
  }
}
