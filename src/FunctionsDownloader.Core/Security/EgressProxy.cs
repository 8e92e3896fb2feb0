using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Security;

/// <summary>
/// A forward proxy on loopback that every tool connection goes through. The submit-time URL check
/// cannot see what yt-dlp does next: a public page may redirect to the metadata endpoint, a host
/// may resolve to another address a second later (DNS rebinding), a manifest may list segments on
/// a private host. Here each connection is resolved and checked against <see cref="AddressPolicy"/>
/// at the moment it is made, and made to the checked address; anything else gets a 403.
/// </summary>
public sealed class EgressProxy : IAsyncDisposable
{
    /// <summary>The reason phrase of a refused connection; <c>YtDlpErrors</c> recognises it.</summary>
    public const string RefusalReason = "Forbidden by egress policy";

    private const int MaxHeadBytes = 32 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly AddressPolicy _policy;
    private readonly ILogger<EgressProxy> _logger;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _acceptLoop;

    /// <summary>Creates the proxy; it starts listening on first use.</summary>
    public EgressProxy(AddressPolicy policy, ILogger<EgressProxy> logger)
    {
        _policy = policy;
        _logger = logger;
    }

    /// <summary>The proxy's address, for <c>--proxy</c>; starts the listener the first time.</summary>
    public Uri Address
    {
        get
        {
            lock (_gate)
            {
                if (_acceptLoop is null)
                {
                    _listener.Start();
                    _acceptLoop = Task.Run(AcceptLoopAsync);
                }
            }

            int port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_acceptLoop is not null)
        {
            try
            {
                await _acceptLoop;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream downstream = client.GetStream();
                (string head, byte[] rest) = await ReadHeadAsync(downstream, _stop.Token);
                string[] lines = head.Split("\r\n");
                string[] request = lines[0].Split(' ');
                if (request.Length != 3)
                {
                    await RefuseAsync(downstream, "400 Bad Request");
                    return;
                }

                bool tunnel = request[0].Equals("CONNECT", StringComparison.OrdinalIgnoreCase);
                if (!TryTarget(request[1], tunnel, out string host, out int port, out string pathAndQuery))
                {
                    await RefuseAsync(downstream, "400 Bad Request");
                    return;
                }

                using TcpClient? upstream = await ConnectCheckedAsync(host, port);
                if (upstream is null)
                {
                    await RefuseAsync(downstream, "403 " + RefusalReason);
                    return;
                }

                NetworkStream upstreamStream = upstream.GetStream();
                if (tunnel)
                {
                    await downstream.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), _stop.Token);
                }
                else
                {
                    // Origin-form request line; proxy headers stay here.
                    var forwarded = new StringBuilder()
                        .Append(request[0]).Append(' ').Append(pathAndQuery).Append(' ').Append(request[2]).Append("\r\n");
                    foreach (string line in lines.Skip(1).Where(l => !l.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase)))
                    {
                        forwarded.Append(line).Append("\r\n");
                    }

                    forwarded.Append("\r\n");

                    await upstreamStream.WriteAsync(Encoding.Latin1.GetBytes(forwarded.ToString()), _stop.Token);
                }

                if (rest.Length > 0)
                {
                    await upstreamStream.WriteAsync(rest, _stop.Token);
                }

                // Each client connection stays with the one checked upstream address.
                await Task.WhenAny(
                    downstream.CopyToAsync(upstreamStream, _stop.Token),
                    upstreamStream.CopyToAsync(downstream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A side hung up.
            }
        }
    }

    /// <summary>Connects to the first address of <paramref name="host"/>, or returns <c>null</c> when any address is off limits.</summary>
    private async Task<TcpClient?> ConnectCheckedAsync(string host, int port)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out IPAddress? literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, _stop.Token);
        }
        catch (SocketException)
        {
            return null;
        }

        if (addresses.Length == 0)
        {
            return null;
        }

        // The same rules as the submit-time check: a named exemption, or no blocked address and an
        // allowed port (any port when every address is exempt).
        bool allowed = _policy.IsAllowedName(host) ||
            (!addresses.Any(_policy.IsBlocked) &&
             (addresses.All(_policy.IsExempt) || _policy.AllowedPorts.Contains(port)));
        if (!allowed)
        {
            _logger.LogWarning("Refused a tool connection to {Host}:{Port}: the address is off limits", host, port);
            return null;
        }

        var upstream = new TcpClient(addresses[0].AddressFamily);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await upstream.ConnectAsync(addresses[0], port, timeout.Token);
            return upstream;
        }
        catch
        {
            upstream.Dispose();
            throw;
        }
    }

    private static bool TryTarget(string target, bool tunnel, out string host, out int port, out string pathAndQuery)
    {
        host = "";
        port = 0;
        pathAndQuery = "/";
        if (tunnel)
        {
            // host:port, with brackets around an IPv6 address.
            int colon = target.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                return false;
            }

            host = target[..colon].Trim('[', ']');
            return host.Length > 0;
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        host = uri.IdnHost;
        port = uri.Port;
        pathAndQuery = uri.PathAndQuery;
        return true;
    }

    private static async Task<(string Head, byte[] Remainder)> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
        try
        {
            int filled = 0;
            while (filled < MaxHeadBytes)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(filled, MaxHeadBytes - filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                int end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                if (end >= 0)
                {
                    return (Encoding.Latin1.GetString(buffer, 0, end), buffer.AsSpan(end + 4, filled - end - 4).ToArray());
                }
            }

            throw new IOException("The proxy request head was incomplete or too large.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task RefuseAsync(NetworkStream stream, string status)
    {
        byte[] answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(answer, _stop.Token);
    }
}
