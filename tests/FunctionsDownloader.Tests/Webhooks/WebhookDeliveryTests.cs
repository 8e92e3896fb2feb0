using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsDownloader.Tests.Webhooks;

/// <summary>
/// <c>callback_url</c> end to end: the Standalone host posts each finished job, signed, to the media
/// site's webhook receiver, retries what is worth retrying and follows no redirect.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class WebhookDeliveryTests(ServiceFixture service)
{
    private static readonly TimeSpan _webhookWait = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task A_completed_download_posts_one_signed_webhook_with_its_final_state()
    {
        // Arrange
        string name = NewName();
        var callback = new Uri(service.Site.Webhook(name) + "?token=receiver-token#fragment");

        // Act
        string requestId = await service.CreateDownloadAsync(
            service.Site.DirectMp4, new { callback_url = callback.OriginalString });
        JsonElement job = await service.WaitForFinishAsync(requestId);
        await WaitForOrchestrationAsync(requestId);

        // Assert
        Assert.Equal("completed", job.GetProperty("status").GetString());
        ReceivedWebhook hook = Assert.Single(service.Site.ReceivedWebhooks(name));
        Assert.Equal("POST", hook.Method);
        Assert.EndsWith("?token=receiver-token", hook.PathAndQuery, StringComparison.Ordinal);
        AssertHeaders(hook, requestId);
        AssertSignedWith(hook, service.WebhookSecret);
        AssertNotSignedWith(hook, service.AdminWebhookSecret);

        using JsonDocument body = JsonDocument.Parse(hook.BodyText);
        JsonElement sent = body.RootElement;
        Assert.Equal(requestId, sent.GetProperty("request_id").GetString());
        Assert.Equal("completed", sent.GetProperty("status").GetString());
        Assert.Equal(100, sent.GetProperty("progress_percent").GetDouble());
        Assert.Equal(job.GetProperty("file_path").GetString(), sent.GetProperty("file_path").GetString());
        Assert.Equal(job.GetProperty("file_size").GetInt64(), sent.GetProperty("file_size").GetInt64());
        Assert.Equal($"/api/v1/download/{requestId}/logs", sent.GetProperty("logs_url").GetString());
        Assert.False(sent.TryGetProperty("error", out _));

        (Ffprobe.Result probe, long length, HttpResponseMessage response) =
            await Ffprobe.DownloadAndProbeAsync(new Uri(sent.GetProperty("file_url").GetString()!));
        response.Dispose();
        Assert.Equal(sent.GetProperty("file_size").GetInt64(), length);
        Assert.Equal(1, probe.Count("video"));

        string[] log = await LogMessagesAsync(requestId);
        AssertLogHas(log, "delivered", "attempt 1");
        Assert.DoesNotContain(log, m => m.Contains("receiver-token", StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_failed_download_posts_one_signed_webhook_with_its_error()
    {
        // Arrange
        string name = NewName();

        // Act
        string requestId = await service.CreateDownloadAsync(
            service.Site.NotFound, new { callback_url = service.Site.Webhook(name).AbsoluteUri });
        JsonElement job = await service.WaitForFinishAsync(requestId);
        await WaitForOrchestrationAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        ReceivedWebhook hook = Assert.Single(service.Site.ReceivedWebhooks(name));
        AssertHeaders(hook, requestId);
        AssertSignedWith(hook, service.WebhookSecret);

        using JsonDocument body = JsonDocument.Parse(hook.BodyText);
        JsonElement sent = body.RootElement;
        Assert.Equal(requestId, sent.GetProperty("request_id").GetString());
        Assert.Equal("failed", sent.GetProperty("status").GetString());
        Assert.Equal("unavailable", sent.GetProperty("error_code").GetString());
        Assert.Equal(job.GetProperty("error").GetString(), sent.GetProperty("error").GetString());
        Assert.False(sent.TryGetProperty("file_url", out _));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_webhook_of_an_admin_job_is_signed_with_the_configured_secret()
    {
        // Arrange
        string name = NewName();
        string body = JsonSerializer.Serialize(
            new { url = service.Site.DirectMp4.AbsoluteUri, callback_url = service.Site.Webhook(name).AbsoluteUri });

        // Act
        using HttpResponseMessage created = await service.AdminHttp.PostAsync(
            "/api/v1/download", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using JsonDocument createdJob = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        string requestId = createdJob.RootElement.GetProperty("request_id").GetString()!;
        IReadOnlyList<ReceivedWebhook> received = await service.Site.WaitForWebhooksAsync(name, 1, _webhookWait);

        // Assert
        ReceivedWebhook hook = Assert.Single(received);
        AssertHeaders(hook, requestId);
        AssertSignedWith(hook, service.AdminWebhookSecret);
        AssertNotSignedWith(hook, service.WebhookSecret);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_receiver_that_fails_twice_gets_exactly_three_attempts_and_the_job_log_shows_the_retries()
    {
        // Arrange
        string name = NewName();

        // Act
        string requestId = await service.CreateDownloadAsync(
            service.Site.DirectMp4, new { callback_url = service.Site.FailingWebhook(name, failures: 2).AbsoluteUri });
        await WaitForOrchestrationAsync(requestId);

        // Assert
        IReadOnlyList<ReceivedWebhook> received = service.Site.ReceivedWebhooks(name);
        Assert.Equal([500, 500, 200], received.Select(r => r.AnsweredStatus));
        Assert.All(received, hook => AssertSignedWith(hook, service.WebhookSecret));
        Assert.Single(received.Select(r => r.BodyText).Distinct());
        Assert.Single(received.Select(r => r.Header("X-FunctionsDownloader-Delivery")).Distinct());
        TimeSpan spread = received[2].ReceivedAt - received[0].ReceivedAt;
        Assert.True(spread >= TimeSpan.FromSeconds(5), $"the retries did not back off: all three came within {spread}");

        string[] log = await LogMessagesAsync(requestId);
        AssertLogHas(log, "attempt 1 of 5", "HTTP 500; retrying in 2 s");
        AssertLogHas(log, "attempt 2 of 5", "HTTP 500; retrying in 4 s");
        AssertLogHas(log, "delivered", "attempt 3");
        Assert.DoesNotContain(log, m => m.Contains("fail=", StringComparison.Ordinal));
        Assert.Equal("completed", (await service.GetJobAsync(requestId)).GetProperty("status").GetString());
    }

    [Theory(Timeout = 180_000)]
    [InlineData(302)]
    [InlineData(400)]
    public async Task A_redirect_or_a_400_from_the_receiver_is_tried_once_and_the_job_stays_completed(int status)
    {
        // Arrange
        string name = NewName();
        string target = name + "-target";
        Uri callback = status == 302
            ? service.Site.RedirectingWebhook(name, target)
            : service.Site.WebhookAnswering(name, status);

        // Act
        string requestId = await service.CreateDownloadAsync(
            service.Site.DirectMp4, new { callback_url = callback.AbsoluteUri });
        await WaitForOrchestrationAsync(requestId);

        // Assert: one attempt; a redirect's target (another receiver on the same host) gets nothing.
        ReceivedWebhook hook = Assert.Single(service.Site.ReceivedWebhooks(name));
        Assert.Equal(status, hook.AnsweredStatus);
        Assert.Empty(service.Site.ReceivedWebhooks(target));
        Assert.Equal("completed", (await service.GetJobAsync(requestId)).GetProperty("status").GetString());
        string[] log = await LogMessagesAsync(requestId);
        AssertLogHas(log, $"HTTP {status}", "not retried");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_cancelled_download_posts_no_webhook()
    {
        // Arrange
        string name = NewName();
        string requestId = await service.CreateDownloadAsync(
            service.Site.SlowMp4, new { callback_url = service.Site.Webhook(name).AbsoluteUri });
        await service.WaitForJobAsync(
            requestId, j => j.GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(60));

        // Act
        using HttpResponseMessage cancel = await service.Http.DeleteAsync($"/api/v1/download/{requestId}");
        await WaitForOrchestrationAsync(requestId);

        // Assert
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await service.GetJobAsync(requestId)).GetProperty("status").GetString());
        Assert.Empty(service.Site.ReceivedWebhooks(name));
    }

    private static string NewName() => "hook-" + Guid.NewGuid().ToString("N")[..12];

    private static void AssertHeaders(ReceivedWebhook hook, string requestId)
    {
        Assert.Equal("download.finished", hook.Header("X-FunctionsDownloader-Event"));
        Assert.Equal(requestId, hook.Header("X-FunctionsDownloader-Delivery"));
        Assert.StartsWith("application/json", hook.Header("Content-Type"), StringComparison.Ordinal);
        Assert.StartsWith("FunctionsDownloader-Webhooks/", hook.Header("User-Agent"), StringComparison.Ordinal);
    }

    /// <summary>Checks the signature the way the README tells receivers to.</summary>
    internal static void AssertSignedWith(ReceivedWebhook hook, string secret)
    {
        (string timestamp, string signature) = ParseSignature(hook);
        long seconds = long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds, -5, 300);
        Assert.Equal(Sign(secret, timestamp, hook.Body), signature);
    }

    private static void AssertNotSignedWith(ReceivedWebhook hook, string secret)
    {
        (string timestamp, string signature) = ParseSignature(hook);
        Assert.NotEqual(Sign(secret, timestamp, hook.Body), signature);
    }

    private static (string Timestamp, string Signature) ParseSignature(ReceivedWebhook hook)
    {
        string header = hook.Header("X-FunctionsDownloader-Signature")
            ?? throw new Xunit.Sdk.XunitException("The webhook is not signed.");
        Dictionary<string, string> parts = header.Split(',')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return (parts["t"], parts["v1"]);
    }

    private static string Sign(string secret, string timestamp, byte[] body)
    {
        byte[] signed = [.. Encoding.ASCII.GetBytes(timestamp + "."), .. body];
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Waits for the job's orchestration to end: by then its webhook has been delivered or given up.</summary>
    private async Task WaitForOrchestrationAsync(string requestId)
    {
        DurableTaskClient client = service.Host.App.Services.GetRequiredService<DurableTaskClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await client.WaitForInstanceCompletionAsync(requestId, getInputsAndOutputs: false, timeout.Token);
    }

    private async Task<string[]> LogMessagesAsync(string requestId)
    {
        using HttpResponseMessage response = await service.Http.GetAsync($"/api/v1/download/{requestId}/logs");
        response.EnsureSuccessStatusCode();
        using JsonDocument logs = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return
        [
            .. logs.RootElement.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()!),
        ];
    }

    private static void AssertLogHas(string[] log, params string[] fragments) =>
        Assert.True(
            log.Any(m => fragments.All(f => m.Contains(f, StringComparison.Ordinal))),
            $"no log line holds all of [{string.Join(" | ", fragments)}]:\n{string.Join("\n", log)}");
}
