using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Webhooks;

/// <summary>
/// Turns <c>Downloader:AllowPrivateHosts</c> (comma-separated host names, addresses and CIDR ranges)
/// into the networks an SSRF policy takes: addresses and ranges as they are, host names resolved
/// to their addresses (a name that does not resolve is skipped with a warning).
/// </summary>
public static class PrivateHostAllowList
{
    /// <summary>Every network <paramref name="setting"/> allows, in CIDR or plain address form.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(
        string? setting, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);

        var networks = new SortedSet<string>(StringComparer.Ordinal);
        string[] entries = (setting ?? "").Split(
            ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string raw in entries)
        {
            string entry = raw.StartsWith('[') && raw.EndsWith(']') ? raw[1..^1] : raw;
            if (IPNetwork.TryParse(entry, out IPNetwork network))
            {
                networks.Add(network.ToString());
            }
            else if (IPAddress.TryParse(entry, out IPAddress? address))
            {
                networks.Add(address.ToString());
            }
            else
            {
                foreach (IPAddress resolved in await ResolveHostAsync(entry, logger, cancellationToken))
                {
                    networks.Add(resolved.ToString());
                }
            }
        }

        return [.. networks];
    }

    private static async Task<IPAddress[]> ResolveHostAsync(
        string host, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException e)
        {
            logger.LogWarning(
                "The allowed private host {Host} does not resolve ({SocketError}); it is left out",
                host,
                e.SocketErrorCode);
            return [];
        }
        catch (ArgumentException)
        {
            logger.LogWarning(
                "The allowed private host {Host} is not a host name, address or CIDR range; it is left out", host);
            return [];
        }
    }
}
