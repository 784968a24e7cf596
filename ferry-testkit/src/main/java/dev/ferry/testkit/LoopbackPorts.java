package dev.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds ports that are free on the loopback interface, by letting the operating system pick them.
 *
 * <p>The ports are released before the broker binds them, so another process may take one in
 * between. The controller's port has to be known before the server starts (it is part of the
 * quorum configuration), so the kit cannot bind port 0 directly; {@link KafkaBroker} retries the
 * start with fresh ports when a bind fails instead.
 */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** {@code count} distinct ports that were free a moment ago. */
    static int[] pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            // All sockets stay open until every port is chosen, so the ports are distinct.
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(ServerProperties.HOST)));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find " + count + " free ports on "
                    + ServerProperties.HOST + "; is the loopback interface up?", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // The port was only probed; a failed close changes nothing for the caller.
                }
            }
        }
    }

    /** Whether some other socket holds one of the ports now (binding it fails). */
    static boolean anyTaken(int... ports) {
        for (int port : ports) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(ServerProperties.HOST))) {
                // Bound, so free; closing releases it again.
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }
}
