using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Security.AntiSSRF;

namespace FunctionsDownloader.Webhooks;

/// <summary>
/// The HTTP client webhooks go out through: Microsoft's AntiSSRF handler checks the address every
/// connection is actually made to (so DNS rebinding after the submit-time check does not help),
/// blocks loopback, private, link-local, reserved and Azure platform addresses, and redirects are
/// never followed. Only the hosts and ranges of <c>Downloader:AllowPrivateHosts</c> are let through.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    private readonly Lazy<Task<HttpClient>> _client;
    private int _disposed;

    /// <summary>Prepares the client; the allow list is resolved on first use.</summary>
    public WebhookClient(
        IOptions<DownloaderOptions> downloaderOptions, IOptions<WebhookOptions> options, ILogger<WebhookClient> logger)
    {
        ArgumentNullException.ThrowIfNull(downloaderOptions);
        ArgumentNullException.ThrowIfNull(options);
        string allowPrivateHosts = downloaderOptions.Value.AllowPrivateHosts;
        TimeSpan timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds));
        _client = new(
            () => CreateAsync(allowPrivateHosts, timeout, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Sends <paramref name="request"/>; a blocked address throws <see cref="AntiSSRFException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        HttpClient client = await _client.Value.WaitAsync(cancellationToken);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is the SSRF policy refusing.</summary>
    public static bool IsBlocked(Exception? exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AntiSSRFException)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_client.IsValueCreated && _client.Value.IsCompletedSuccessfully)
        {
            _client.Value.Result.Dispose();
        }
    }

    private static async Task<HttpClient> CreateAsync(string allowPrivateHosts, TimeSpan timeout, ILogger logger)
    {
        IReadOnlyList<string> allowed = await PrivateHostAllowList.ResolveAsync(
            allowPrivateHosts, logger, CancellationToken.None);

        var policy = new AntiSSRFPolicy(PolicyConfigOptions.ExternalOnlyLatest) { AllowPlainTextHttp = true };
        if (allowed.Count > 0)
        {
            policy.AddAllowedAddresses([.. allowed]);
            logger.LogWarning(
                "Webhooks may reach these private addresses (Downloader:AllowPrivateHosts): {Allowed}", allowed);
        }

        AntiSSRFHandler handler = policy.GetHandler();
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        handler.ConnectTimeout = timeout;

        // Connections are not kept for long, so a host that moves is looked up again.
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
    }
}
