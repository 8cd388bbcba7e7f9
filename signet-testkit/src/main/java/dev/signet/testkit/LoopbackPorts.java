package dev.signet.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;

/** Ports on loopback for the servers the tests start: a free one, and waiting until a server listens on one. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port no one listens on now (free until someone takes it). */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    }
  }

  /**
   * Waits until {@code server} accepts connections on {@code port}; if it stops or does not within
   * {@code timeout}, it is stopped and the failure says why, with what it wrote to {@code logs}.
   */
  public static void awaitListening(Process server, int port, Duration timeout, String name, List<Path> logs) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!server.isAlive()) {
        throw new IllegalStateException(name + " stopped: " + ProcessRunner.logText(logs));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        ProcessRunner.pause(50, name);
      }
    }
    ProcessRunner.stop(server);
    throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + ": "
        + ProcessRunner.logText(logs));
  }
}
