package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.Smime;
import dev.signet.mail.IdStore;
import dev.signet.mail.Unlocking;
import dev.signet.mail.agent.AgentClient;
import dev.signet.mail.agent.AgentFolder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** What every verb shares: its terminal, --in/--out, --debug and how secrets are read. */
abstract class CommandBase implements Callable<Integer>, TerminalAware {
  Terminal terminal;

  @Option(names = "--in", paramLabel = "FILE", description = "Input file (default: standard input).")
  Path in;

  @Option(names = "--debug", description = "Show the stack trace of an error.")
  boolean debug;

  @Option(names = "--pass-file", paramLabel = "FILE",
      description = "File whose first line is the password (else $SIGNET_PASSWORD, else a prompt).")
  Path passFile;

  @Override
  public void attach(Terminal t) {
    this.terminal = t;
  }

  Smime smime() {
    return Smime.withDefaults();
  }

  /**
   * Whether the input may be large enough for decryption to need the ciphers warmed up: unless --in
   * names a file of at most 1 MiB (below that, plain Java decrypts it in a few milliseconds).
   */
  boolean inputMayBeLarge() {
    return in == null || mayBeLarge(in);
  }

  static boolean mayBeLarge(Path file) {
    try {
      return !Files.isRegularFile(file) || Files.size(file) > 1 << 20;
    } catch (IOException e) {
      return true; // reading it will say what is wrong
    }
  }

  InputStream input() throws IOException {
    return new BufferedInputStream(in == null ? terminal.in() : MessageFile.reading(in), 64 * 1024);
  }

  static List<X509Certificate> certificates(List<Path> files) throws IOException {
    List<X509Certificate> all = new ArrayList<>();
    for (Path f : files) {
      try (InputStream s = Files.newInputStream(f)) {
        all.addAll(Certificates.read(s));
      } catch (dev.signet.core.MalformedInputException e) {
        throw new dev.signet.core.MalformedInputException(f + ": " + e.getMessage(), e);
      }
    }
    return all;
  }

  /** A --key value among {@code offered}; a mistake is told the names offered, in their order. */
  static KeyType keyType(String option, String value, Set<KeyType> offered) {
    return KeyType.fromCliName(value).filter(offered::contains).orElseThrow(() -> new UsageException("unknown "
        + option + " " + value + " (" + offered.stream().map(KeyType::cliName).collect(Collectors.joining(", ")) + ")"));
  }

  /**
   * Opens a stored ID from the key agent when it runs and holds it; else with the password
   * (--pass-file, $SIGNET_PASSWORD, or a prompt naming the ID), then hands it to the agent.
   */
  Unlocking unlocking(IdStore store) {
    return agent().unlocking(store.folder(), withPassword(store));
  }

  private Unlocking withPassword(IdStore store) {
    return stored -> {
      char[] password = password("Password for " + stored.name() + ": ", false);
      try {
        return store.load(stored.name(), password);
      } finally {
        Arrays.fill(password, '\0');
      }
    };
  }

  /**
   * A digital-ID file, read once: from the key agent when it runs and holds it, else opened with the password and
   * handed to it.
   */
  DigitalId idFile(Path file) throws IOException {
    try {
      byte[] pkcs12;
      try (InputStream s = Files.newInputStream(file)) {
        pkcs12 = DigitalId.pkcs12Bytes(s);
      }
      return agent().openFile(pkcs12, () -> unlocked(pkcs12, file));
    } catch (dev.signet.core.KeyUnavailableException e) {
      throw new dev.signet.core.KeyUnavailableException(file + ": " + e.getMessage(), e);
    } catch (dev.signet.core.MalformedInputException e) {
      throw new dev.signet.core.MalformedInputException(file + ": " + e.getMessage(), e);
    }
  }

  private AgentClient agent() {
    return new AgentClient(AgentFolder.of(terminal.env()));
  }

  private DigitalId unlocked(byte[] pkcs12, Path file) throws IOException {
    char[] password = password("Password for " + file.getFileName() + ": ", false);
    try {
      return DigitalId.readPkcs12(pkcs12, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** --pass-file, else $SIGNET_PASSWORD, else the console; never the command line. */
  char[] password(String prompt, boolean confirm) throws IOException {
    return password(prompt, confirm, passFile, "SIGNET_PASSWORD");
  }

  char[] password(String prompt, boolean confirm, Path file, String envName) throws IOException {
    return secret(terminal, prompt, confirm, file, envName);
  }

  /** The first line of {@code file} if given, else the environment variable {@code envName}, else the console. */
  static char[] secret(Terminal terminal, String prompt, boolean confirm, Path file, String envName) throws IOException {
    if (file != null) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      return (nl < 0 ? text : text.substring(0, nl)).replace("\r", "").toCharArray();
    }
    String env = terminal.env().get(envName);
    if (env != null) {
      return env.toCharArray();
    }
    var console = terminal.console()
        .orElseThrow(() -> new UsageException("a password is needed: use --pass-file or " + envName));
    char[] first = console.readPassword("%s", prompt);
    if (confirm) {
      char[] again = console.readPassword("Again: ");
      if (!Arrays.equals(first, again)) {
        throw new UsageException("the passwords differ");
      }
    }
    return Optional.ofNullable(first).orElseThrow(() -> new UsageException("no password given"));
  }
}
