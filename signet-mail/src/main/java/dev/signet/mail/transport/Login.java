package dev.signet.mail.transport;

import java.util.Arrays;
import java.util.Objects;

/** A mailbox login: the user (usually the address) and the password, which {@link #toString()} never shows. */
public final class Login implements AutoCloseable {
  private final String user;
  private final char[] password;

  public Login(String user, char[] password) {
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password").clone();
    if (user.isBlank()) {
      throw new IllegalArgumentException("empty user name");
    }
  }

  public String user() {
    return user;
  }

  String password() {
    return new String(password);
  }

  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "Login[" + user + ", password redacted]";
  }
}
