package dev.signet.cli;

import dev.signet.core.ErrorLine;
import dev.signet.core.FailureKind;
import dev.signet.core.SignetFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Builds the command line and maps every failure to CLI.md's exit codes with one clear line. */
@Command(name = "signet", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Signet: S/MIME signing and encryption, exact to the standards.")
public final class Cli implements Runnable {
  /** The verbs, in the order help lists them. */
  private static final List<Class<?>> VERBS = List.of(SignCommand.class, EncryptCommand.class, VerifyCommand.class,
      DecryptCommand.class, ReadCommand.class, IdCommand.class, ProfileCommand.class, ComposeCommand.class,
      SendCommand.class, FetchCommand.class, PolicyCommand.class, GalCommand.class, ContactsCommand.class,
      LabelCommand.class, ReceiptCommand.class, ReceiptsCommand.class, SpeedCommand.class, SelftestCommand.class,
      CaCommand.class, ServeCommand.class, AgentCommand.class, TrainCommand.class);

  static final int OK = 0;
  static final int ERROR_VERDICT = 1;
  static final int USAGE_OR_INPUT = 2;
  static final int WARNING_VERDICT = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a verb is needed; see signet --help");
  }

  public static int run(String[] args, Terminal terminal) {
    Factory factory = new Factory(terminal);
    CommandLine cl = new CommandLine(new Cli(), factory);
    for (Class<?> verb : verbsFor(args)) {
      cl.addSubcommand(new CommandLine(verb, factory));
    }
    cl.setOut(new PrintWriter(terminal.out(), true));
    cl.setErr(new PrintWriter(terminal.err(), true));
    cl.setExecutionExceptionHandler((e, line, parsed) -> failure(e, line, debug(args)));
    cl.setParameterExceptionHandler((e, a) -> {
      line(cl, "signet: " + ErrorLine.withoutClassNames(e.getMessage(), "the command line cannot be read"));
      return USAGE_OR_INPUT;
    });
    return cl.execute(args);
  }

  /**
   * The verb the first argument names, alone: building the model of every verb's options by reflection
   * costs a start-up more than the verb's own work on a small message. All of them for help or a mistake.
   */
  private static List<Class<?>> verbsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> verb : VERBS) {
        if (verb.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(verb);
        }
      }
    }
    return VERBS;
  }

  private static boolean debug(String[] args) {
    for (String a : args) {
      if (a.equals("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static int failure(Exception e, CommandLine line, boolean debug) {
    if (debug) {
      e.printStackTrace(line.getErr());
    }
    line(line, "signet: error: " + message(e));
    return unwrapped(e) instanceof SignetFailure f ? exitCode(f.kind()) : USAGE_OR_INPUT;
  }

  /**
   * The exit code of each kind of failure. CLI.md: every failure of a verb exits 2 (the verdicts 0, 1 and 3 are
   * not failures); each kind is named so that a new one is a decision, not a default.
   */
  static int exitCode(FailureKind kind) {
    return switch (kind) {
      case MALFORMED_INPUT, UNSUPPORTED_ALGORITHM, KEY_UNAVAILABLE, DECRYPTION_FAILED, POLICY_VIOLATION, NOT_FOUND,
          CONFLICT, NOT_AUTHENTICATED, NOT_AUTHORIZED, TOO_LARGE, TOO_MANY_ATTEMPTS, PEER_UNAVAILABLE, PEER_REFUSED,
          STORAGE -> USAGE_OR_INPUT;
    };
  }

  /** An I/O failure that had to travel unchecked is told as the failure it carries. */
  private static Throwable unwrapped(Throwable e) {
    return e instanceof UncheckedIOException u ? u.getCause() : e;
  }

  static String message(Throwable e) {
    Throwable t = unwrapped(e);
    if (t instanceof SignetFailure) {
      return ErrorLine.withoutClassNames(ErrorLine.firstSaying(t).getMessage(), "the input cannot be read");
    }
    if (t instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (t instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (t instanceof IOException) {
      Throwable saying = ErrorLine.firstSaying(t);
      String fallback = saying instanceof EOFException ? "the input ends too early" : "input/output error";
      return ErrorLine.withoutClassNames(saying.getMessage(), fallback);
    }
    // Not ours to explain: a bug, or a library failing in a way we did not foresee. No Java class names, ever.
    String detail = t instanceof ClassCastException ? null : ErrorLine.withoutClassNames(t.getMessage(), null);
    return "unexpected error" + (detail == null ? "" : ": " + detail) + " (run with --debug for details)";
  }

  private static void line(CommandLine cl, String text) {
    cl.getErr().println(text);
    cl.getErr().flush();
  }

  /** Gives each command the terminal it runs in. */
  private static final class Factory implements CommandLine.IFactory {
    private final Terminal terminal;

    Factory(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (TerminalAware.class.isAssignableFrom(cls)) {
        K command = CommandLine.defaultFactory().create(cls);
        ((TerminalAware) command).attach(terminal);
        return command;
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"signet " + (v == null ? "development build" : v)};
    }
  }
}
