using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;

namespace DutyDesk.Opinion.Jobs;

/// <summary>
/// The poller's connections: decompressing, following a few redirects, and by default refusing addresses of the
/// machine itself and of private networks, so that a source's address cannot make the server fetch (and store as
/// items) what only it can reach, such as cloud metadata or internal services. Checked at connect time, after
/// name resolution and for every redirect, so a name that resolves to an internal address is refused as well.
/// </summary>
[UnsupportedOSPlatform("browser")]
internal static class PollerHandler
{
    public static HttpMessageHandler Create(bool allowPrivateAddresses)
        => new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // The agent names the product in Chinese; sent as UTF-8, as servers read obs-text.
            RequestHeaderEncodingSelector = (name, _) => name == "User-Agent" ? Encoding.UTF8 : null,
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivateAddresses, ct),
        };

    /// <summary>Whether an address is on the public internet: not loopback, private, link-local, shared (CGNAT), multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                 || (b[0] == 169 && b[1] == 254)
                 || (b[0] == 172 && b[1] is >= 16 and <= 31)
                 || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 100 && b[1] is >= 64 and <= 127));
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateAddresses, CancellationToken ct)
    {
        IPAddress[] addresses = IPAddress.TryParse(endPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endPoint.Host, ct);
        var allowed = allowPrivateAddresses ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            // Wrapped by the handler into an HttpRequestException; the poller recognises it by this inner exception.
            throw new UnauthorizedAccessException($"{endPoint.Host} resolves only to private or loopback addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
