package dev.signet.bench;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The two implementations compared: {@code jdk}, the JDK's own provider for the algorithm, and
 * {@code bc}, a Bouncy Castle provider instance (never installed with {@code Security.addProvider}).
 */
final class Providers {
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private Providers() {}

  static Provider named(String implementation, String jdkProviderName) {
    return switch (implementation) {
      case "jdk" -> requireInstalled(jdkProviderName);
      case "bc" -> BOUNCY_CASTLE;
      default -> throw new IllegalArgumentException("unknown implementation " + implementation);
    };
  }

  private static Provider requireInstalled(String name) {
    Provider provider = Security.getProvider(name);
    if (provider == null) {
      throw new IllegalStateException("JDK provider " + name + " is not installed");
    }
    return provider;
  }
}
