using System.Net;
using System.Net.Sockets;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Security;

/// <summary>
/// The full check of a URL a caller gives (media URLs, batch URLs, <c>callback_url</c>): the syntax
/// rules of <see cref="UrlRules"/>, ports 80 and 443 unless configured, and a host that resolves
/// to nothing but public addresses. Numeric hosts in any encoding (decimal, octal, hex, short,
/// IPv4-mapped IPv6) are already canonical IP addresses in <see cref="Uri"/>, and internationalized
/// names are checked in their ASCII form, which is also the form handed to the tools.
/// </summary>
public sealed class UrlGuard(AddressPolicy policy)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The URL as the service will use it, or an <see cref="InvalidRequestException"/> naming <paramref name="field"/>.</summary>
    public async Task<Uri> CheckAsync(string? value, string field, CancellationToken cancellationToken)
    {
        Uri uri = UrlRules.Parse(value, field);
        return await CheckAsync(uri, field, cancellationToken);
    }

    /// <summary>Checks a URL that already passed <see cref="UrlRules.Parse"/>.</summary>
    public async Task<Uri> CheckAsync(Uri uri, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);

        // Hand the tools the ASCII (punycode) host that was checked, never the Unicode spelling.
        string host = uri.IdnHost;
        if (host.Contains('%', StringComparison.Ordinal))
        {
            throw new InvalidRequestException(field, $"'{field}' must not carry an IPv6 zone id.");
        }

        var canonical = new UriBuilder(uri) { Host = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host }.Uri;
        if (policy.IsAllowedName(host))
        {
            return canonical;
        }

        IPAddress[] addresses = await ResolveAsync(host, field, cancellationToken);
        bool allExempt = addresses.All(policy.IsExempt);
        if (!allExempt && !policy.AllowedPorts.Contains(canonical.Port))
        {
            throw new InvalidRequestException(
                field, $"'{field}' uses port {canonical.Port}; only ports {string.Join(", ", policy.AllowedPorts.Order())} are allowed.");
        }

        if (addresses.Any(policy.IsBlocked))
        {
            throw new InvalidRequestException(
                field,
                $"'{field}' points to a private, local or reserved address; the service only fetches from public hosts.");
        }

        return canonical;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, string field, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return [literal];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            return addresses.Length > 0
                ? addresses
                : throw new InvalidRequestException(field, $"The host of '{field}' does not resolve to any address.");
        }
        catch (SocketException e)
        {
            throw new InvalidRequestException(field, $"The host of '{field}' does not resolve ({e.SocketErrorCode}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidRequestException(field, $"The host of '{field}' did not resolve in time.", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException(field, $"The host of '{field}' is not a valid host name.", e);
        }
    }
}
