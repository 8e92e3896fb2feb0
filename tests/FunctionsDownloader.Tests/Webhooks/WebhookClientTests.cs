using System.Net;
using System.Text;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Tests.Infrastructure;
using FunctionsDownloader.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Tests.Webhooks;

/// <summary>
/// The SSRF-safe client webhooks go through, on its own: it checks the address it connects to
/// against the policy and <c>Downloader:AllowPrivateHosts</c>, and never follows a redirect.
/// Only loopback addresses are used: 127.0.0.2 stands for "a private address nobody allowed".
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class WebhookClientTests(ServiceFixture service)
{
    [Fact(Timeout = 60_000)]
    public async Task A_loopback_address_outside_the_allow_list_is_refused_and_not_retried()
    {
        // Arrange
        string name = "blocked-" + Guid.NewGuid().ToString("N")[..12];
        var target = new UriBuilder(service.Site.Webhook(name)) { Host = "127.0.0.2" }.Uri;
        using WebhookClient client = NewClient(allowPrivateHosts: "127.0.0.1");
        WebhookSender sender = NewSender(client);
        string requestId = RequestIds.New();
        JobLogStore logs = service.Host.App.Services.GetRequiredService<JobLogStore>();
        var log = new JobLogWriter(logs, TimeProvider.System, requestId);

        // Act
        bool delivered = await sender.DeliverAsync(
            new WebhookMessage(target, WebhookHeaders.DownloadFinished, requestId, "{}"u8.ToArray(), "secret"),
            log,
            CancellationToken.None);
        await log.FlushAsync(CancellationToken.None);

        // Assert
        Assert.False(delivered);
        (IReadOnlyList<JobLogLine> lines, _) = await logs.ListAsync(requestId, 0, 100, CancellationToken.None);
        JobLogLine line = Assert.Single(lines);
        Assert.Contains("may not reach", line.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 1 of 5", line.Message, StringComparison.Ordinal);
        Assert.Contains("not retried", line.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_an_allow_list_even_the_local_receiver_is_refused()
    {
        // Arrange
        string name = "no-allow-" + Guid.NewGuid().ToString("N")[..12];
        using WebhookClient client = NewClient(allowPrivateHosts: "");
        using var request = new HttpRequestMessage(HttpMethod.Post, service.Site.Webhook(name));

        // Act
        Exception? error = await Record.ExceptionAsync(() => client.SendAsync(request, CancellationToken.None));

        // Assert
        Assert.True(WebhookClient.IsBlocked(error), $"expected the SSRF policy to refuse, got {error}");
        Assert.Empty(service.Site.ReceivedWebhooks(name));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_allowed_private_host_is_reached_and_its_redirect_is_not_followed()
    {
        // Arrange
        string name = "redirect-" + Guid.NewGuid().ToString("N")[..12];
        string target = name + "-target";
        using WebhookClient client = NewClient(allowPrivateHosts: ServiceFixture.SiteAddress.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, service.Site.RedirectingWebhook(name, target))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        // Act
        using HttpResponseMessage response = await client.SendAsync(request, CancellationToken.None);

        // Assert
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Single(service.Site.ReceivedWebhooks(name));
        Assert.Empty(service.Site.ReceivedWebhooks(target));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_allow_list_keeps_addresses_and_ranges_and_resolves_names()
    {
        // Act
        IReadOnlyList<string> networks = await PrivateHostAllowList.ResolveAsync(
            " 10.1.0.0/16, [::1],127.0.0.1 ,localhost,, fd00::/8", NullLogger.Instance, CancellationToken.None);

        // Assert
        Assert.Contains("10.1.0.0/16", networks);
        Assert.Contains("fd00::/8", networks);
        Assert.Contains("::1", networks);
        Assert.Contains("127.0.0.1", networks);
        Assert.Equal(networks.Count, networks.Distinct(StringComparer.Ordinal).Count());
        Assert.All(networks, n => Assert.True(IPNetwork.TryParse(n, out _) || IPAddress.TryParse(n, out _), n));
    }

    private static WebhookClient NewClient(string allowPrivateHosts) =>
        new(
            Options.Create(new DownloaderOptions { AllowPrivateHosts = allowPrivateHosts }),
            Options.Create(new WebhookOptions { TimeoutSeconds = 5 }),
            NullLogger<WebhookClient>.Instance);

    private static WebhookSender NewSender(WebhookClient client) =>
        new(
            client,
            Options.Create(new WebhookOptions { FirstRetryDelaySeconds = 0.1 }),
            TimeProvider.System,
            NullLogger<WebhookSender>.Instance);
}
