package dev.signet.mail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent's socket: what it answers to a request it cannot serve. */
class KeyAgentTest {
  @TempDir Path dir;

  @Test
  @Timeout(30) // an agent that died on the first request leaves the next client waiting
  void aMalformedRequestIsRefusedAndTheAgentServesTheNextOne() throws IOException {
    AgentFolder folder = new AgentFolder(dir.resolve("agent"), System.getProperty("user.name"));
    try (KeyAgent agent = KeyAgent.bind(folder, Duration.ofMinutes(1), Clock.systemUTC())) {
      agent.serveInBackground();
      for (String request : new String[] {"{\"verb\":\"GET\"}", "{\"verb\":\"PUT\",\"id\":\"x\"}", "{}", "null"}) {
        assertThat(ask(folder, request)).as(request).contains("\"error\"");
      }
      assertThat(new AgentClient(folder).status().count()).isZero();
    }
  }

  private static String ask(AgentFolder folder, String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(folder.socket()));
      AgentProtocol.send(channel, new com.fasterxml.jackson.databind.ObjectMapper().readTree(request));
      ByteBuffer reply = ByteBuffer.allocate(4096);
      while (channel.read(reply) >= 0) {
        // read to the end
      }
      return new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8);
    }
  }
}
