package dev.signet.cli;

import dev.signet.mail.agent.AgentClient;
import dev.signet.mail.agent.AgentFolder;
import dev.signet.mail.agent.KeyAgent;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "The key agent: holds unlocked digital IDs in memory for a time-out, so each run needs no password.",
    subcommands = {AgentCommand.Start.class, AgentCommand.Status.class, AgentCommand.Forget.class,
        AgentCommand.Stop.class})
final class AgentCommand extends VerbFamily {

  static AgentFolder folder(Terminal terminal) {
    return AgentFolder.of(terminal.env());
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start the agent on $XDG_RUNTIME_DIR/signet/socket (else ~/.signet/agent/socket).")
  static final class Start extends CommandBase {
    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "30m",
        description = "How long each ID stays unlocked after it is opened: 90s, 30m, 8h (default 30m).")
    String timeout;

    @Option(names = "--foreground", description = "Run in this process until stopped (default: in the background).")
    boolean foreground;

    @Override
    public Integer call() throws Exception {
      Duration time = duration(timeout);
      AgentFolder folder = folder(terminal);
      if (!foreground) {
        return inBackground(folder, time);
      }
      try (KeyAgent agent = KeyAgent.bind(folder, time, Clock.systemUTC())) {
        terminal.err().println("signet: key agent on " + folder.socket() + ", IDs held " + timeout);
        agent.serve();
      }
      return Cli.OK;
    }

    /** This same program, started again in --foreground in a session of its own, so it outlives the terminal. */
    private Integer inBackground(AgentFolder folder, Duration time) throws IOException, InterruptedException {
      folder.prepare();
      AgentClient client = new AgentClient(folder);
      if (client.running()) {
        throw new UsageException("a key agent is already running on " + folder.socket());
      }
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>();
      if (new File("/usr/bin/setsid").canExecute()) {
        command.add("/usr/bin/setsid");
      }
      command.addAll(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "agent", "start", "--foreground", "--timeout", time.toSeconds() + "s"));
      Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      for (int i = 0; i < 100 && process.isAlive() && !client.running(); i++) {
        Thread.sleep(50);
      }
      if (!client.running()) {
        throw new UsageException("the key agent did not start (try signet agent start --foreground)");
      }
      terminal.out().println("signet: key agent started on " + folder.socket() + " (pid " + process.pid() + ")");
      return Cli.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Whether the agent runs, and what it holds.")
  static final class Status extends CommandBase {
    @Override
    public Integer call() throws Exception {
      AgentFolder folder = folder(terminal);
      AgentClient client = new AgentClient(folder);
      if (!client.running()) {
        terminal.out().println("signet: no key agent is running on " + folder.socket());
        return Cli.ERROR_VERDICT;
      }
      AgentClient.Status status = client.status();
      terminal.out().println("signet: key agent on " + folder.socket() + ": " + status.count()
          + (status.count() == 1 ? " ID" : " IDs") + " held, each for " + status.timeout().toString()
              .substring(2).toLowerCase(Locale.ROOT));
      return Cli.OK;
    }
  }

  @Command(name = "forget", mixinStandardHelpOptions = true, description = "Drop every ID the agent holds.")
  static final class Forget extends CommandBase {
    @Override
    public Integer call() throws Exception {
      running(terminal).forget();
      terminal.err().println("signet: the key agent holds no IDs now");
      return Cli.OK;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Drop every ID and stop the agent.")
  static final class Stop extends CommandBase {
    @Override
    public Integer call() throws Exception {
      running(terminal).stop();
      terminal.err().println("signet: key agent stopped");
      return Cli.OK;
    }
  }

  private static AgentClient running(Terminal terminal) {
    AgentFolder folder = folder(terminal);
    AgentClient client = new AgentClient(folder);
    if (!client.running()) {
      throw new UsageException("no key agent is running on " + folder.socket());
    }
    return client;
  }

  /** 90s, 30m, 8h, or an ISO-8601 duration (PT30M). */
  static Duration duration(String text) {
    return Durations.parse(text)
        .orElseThrow(() -> new UsageException("--timeout " + text + ": give a time such as 90s, 30m or 8h"));
  }
}
