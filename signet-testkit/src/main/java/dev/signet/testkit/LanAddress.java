package dev.signet.testkit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * This machine's own IPv4 address on a network interface other than loopback: where a test stands for
 * another machine, for the rules that hold off loopback only. A machine without one skips such tests.
 */
public final class LanAddress {
  private LanAddress() {}

  public static Optional<InetAddress> find() {
    try {
      return NetworkInterface.networkInterfaces().filter(LanAddress::upOffLoopback)
          .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
          .findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static boolean upOffLoopback(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
