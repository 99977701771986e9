using System.Net;
using System.Net.Sockets;

namespace ChatAi.Tests.Infrastructure;

/// <summary>
/// A loopback port for a server a test starts later (by port number, so it cannot be bound here and handed over). It is
/// picked below Linux's ephemeral range (32768–60999): a port the kernel picked (<c>bind(0)</c>) would be free again
/// once probed, and every outgoing connection of a busy test run (PostgreSQL, the fakes, Chromium) takes its local port
/// from that range, so one could take it before the server binds it. Below the range only an explicit bind can.
/// </summary>
internal static class FreePorts
{
    public static int Pick()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException) when (attempt < 200)
            {
                // taken: try another
            }
        }
    }
}
