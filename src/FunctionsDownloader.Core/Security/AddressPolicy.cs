using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Security.AntiSSRF;

namespace FunctionsDownloader.Security;

/// <summary>
/// Which addresses the service may fetch from. Blocked: every range of AntiSSRF's recommended list
/// (loopback, private, link-local, CGNAT, unique-local, multicast, reserved, documentation, NAT64,
/// 6to4, Azure's wire server 168.63.129.16 and the metadata endpoint) and IPv4-mapped forms of
/// those. <see cref="DownloaderOptions.AllowPrivateHosts"/> names hosts and ranges exempt from the
/// block, on any port, for local runs and tests.
/// </summary>
public sealed class AddressPolicy
{
    private static readonly IPNetwork[] Blocked =
        [.. IPAddressRanges.recommendedLatest.Select(r => IPNetwork.Parse(r))];

    private readonly HashSet<string> _allowedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _allowedRanges = [];

    /// <summary>Reads the exemptions from the options.</summary>
    public AddressPolicy(IOptions<DownloaderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        foreach (string entry in options.Value.AllowPrivateHosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string item = entry.Trim('[', ']');
            if (IPNetwork.TryParse(item, out IPNetwork network))
            {
                _allowedRanges.Add(network);
            }
            else if (IPAddress.TryParse(item, out IPAddress? address))
            {
                address = Normalize(address);
                _allowedRanges.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                _allowedNames.Add(item.TrimEnd('.'));
            }
        }

        string[] ports = options.Value.AllowedPorts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        AllowedPorts = new HashSet<int>([80, 443, .. ports.Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture))]);
    }

    /// <summary>Ports any host may use.</summary>
    public IReadOnlySet<int> AllowedPorts { get; }

    /// <summary>The exempt ranges (also given to the webhook handler).</summary>
    public IReadOnlyList<IPNetwork> AllowedRanges => _allowedRanges;

    /// <summary>Whether <paramref name="host"/> is a name exempt from every check.</summary>
    public bool IsAllowedName(string host) => _allowedNames.Contains(host.TrimEnd('.'));

    /// <summary>Whether <paramref name="address"/> is inside an exempt range.</summary>
    public bool IsExempt(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        IPAddress normalized = Normalize(address);
        return _allowedRanges.Any(r => r.Contains(normalized));
    }

    /// <summary>Whether <paramref name="address"/> may not be fetched from (and is not exempt).</summary>
    public bool IsBlocked(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        IPAddress normalized = Normalize(address);
        return !IsExempt(normalized) && Blocked.Any(r => r.Contains(normalized));
    }

    /// <summary>The IPv4 address inside an IPv4-mapped IPv6 address; any other address as it is, without a scope.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }
}
