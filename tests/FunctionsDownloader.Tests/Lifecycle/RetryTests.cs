using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>
/// Network breaks and timeouts are tried again, up to <c>Downloader:MaxAttempts</c>, after waits that
/// double from <c>Downloader:RetryDelaySeconds</c>; other failures are not; a batch item retries the same way.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class RetryTests(ServiceFixture service)
{
    // Long enough for the test to mend the source between the first attempt and the second.
    private const int MendWindowSeconds = 4;

    [Fact(Timeout = 180_000)]
    public async Task A_source_that_breaks_off_once_is_downloaded_on_the_second_attempt()
    {
        // Arrange
        await using ExtraHost host = await StartHostAsync("retry-recover", maxAttempts: 3, delaySeconds: MendWindowSeconds);
        string key = Key();

        // Act: the first attempt breaks off; mend the source while the job waits to try again.
        string requestId = await host.Jobs.CreateDownloadAsync(service.Site.Flaky(key));
        await WaitForLogAsync(host, requestId, $"Attempt 1 failed (network); retrying in {MendWindowSeconds} s.");
        service.Site.Mend(key);
        JsonElement job = await host.Jobs.WaitForFinishAsync(requestId);

        // Assert
        Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());
        Assert.Equal(service.Site.DirectMp4Length, job.GetProperty("file_size").GetInt64());
        Assert.Equal(2, await AttemptsAsync(requestId));
        string[] messages = await MessagesAsync(host, requestId);
        Assert.Single(messages, m => m.Contains("retrying in", StringComparison.Ordinal));
        Assert.Contains("Downloading (attempt 2).", messages);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_source_that_keeps_breaking_off_is_tried_max_attempts_times_with_doubling_waits()
    {
        // Arrange
        await using ExtraHost host = await StartHostAsync("retry-exhaust", maxAttempts: 3, delaySeconds: 1);
        var clock = Stopwatch.StartNew();

        // Act
        string requestId = await host.Jobs.CreateDownloadAsync(service.Site.Flaky(Key()));
        JsonElement job = await host.Jobs.WaitForFinishAsync(requestId, TimeSpan.FromSeconds(150));

        // Assert: three attempts, waits of 1 s then 2 s, and the last failure is the job's.
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("network", job.GetProperty("error_code").GetString());
        Assert.Equal(3, await AttemptsAsync(requestId));
        string[] retries = [.. (await MessagesAsync(host, requestId)).Where(m => m.Contains("retrying in", StringComparison.Ordinal))];
        Assert.Equal(
            ["Attempt 1 failed (network); retrying in 1 s.", "Attempt 2 failed (network); retrying in 2 s."],
            retries);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"finished in {clock.Elapsed}, before the waits were over");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_stalled_source_is_retried_as_a_timeout()
    {
        // Arrange: five silent seconds end an attempt.
        await using ExtraHost host = await StartHostAsync("retry-stall", maxAttempts: 2, delaySeconds: 1, new()
        {
            ["Downloader:StallTimeoutSeconds"] = "5",
            ["Downloader:SocketTimeoutSeconds"] = "120",
        });

        // Act
        string requestId = await host.Jobs.CreateDownloadAsync(LocalMediaSite.FreshUrl(service.Site.Stall));
        JsonElement job = await host.Jobs.WaitForFinishAsync(requestId, TimeSpan.FromSeconds(150));

        // Assert
        Assert.Equal("timeout", job.GetProperty("error_code").GetString());
        Assert.Equal(2, await AttemptsAsync(requestId));
        Assert.Contains("Attempt 1 failed (timeout); retrying in 1 s.", await MessagesAsync(host, requestId));
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(requestId, TimeSpan.FromSeconds(5)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_missing_page_is_not_retried()
    {
        // Arrange
        await using ExtraHost host = await StartHostAsync("retry-missing", maxAttempts: 3, delaySeconds: 1);

        // Act
        string requestId = await host.Jobs.CreateDownloadAsync(service.Site.NotFound);
        JsonElement job = await host.Jobs.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("unavailable", job.GetProperty("error_code").GetString());
        Assert.DoesNotContain(await MessagesAsync(host, requestId), m => m.Contains("retrying in", StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_batch_item_that_breaks_off_once_is_retried_and_the_batch_completes()
    {
        // Arrange
        await using ExtraHost host = await StartHostAsync("retry-batch", maxAttempts: 3, delaySeconds: MendWindowSeconds);
        string key = Key();

        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/batch/download",
            new { urls = new[] { service.Site.Flaky(key), service.Site.DirectMp4 }, concurrent_limit = 2 },
            host.Http);
        string batchId = created.GetProperty("batch_id").GetString()!;
        string flakyJob = created.Jobs()[0].GetProperty("request_id").GetString()!;
        await WaitForLogAsync(host, flakyJob, $"Attempt 1 failed (network); retrying in {MendWindowSeconds} s.");
        service.Site.Mend(key);
        JsonElement batch = await service.WaitForBatchFinishAsync(batchId, TimeSpan.FromSeconds(120), host.Http);

        // Assert
        Assert.True(batch.GetProperty("status").GetString() == "completed", batch.ToString());
        Assert.Equal(["completed", "completed"], batch.JobValues("status"));
        Assert.Equal(2, await AttemptsAsync(flakyJob));
    }

    private static string Key() => "k" + Guid.NewGuid().ToString("N")[..12];

    private Task<ExtraHost> StartHostAsync(
        string name, int maxAttempts, int delaySeconds, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? [])
        {
            ["Downloader:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Downloader:RetryDelaySeconds"] = delaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DurableTask:MaxQueuePollingIntervalMilliseconds"] = "250",
        };
        return ExtraHost.StartAsync(service, name, settings);
    }

    private async Task<int> AttemptsAsync(string requestId) =>
        (await service.JobsTable.GetEntityAsync<TableEntity>(requestId, "job")).Value.GetInt32("Attempt") ?? 0;

    private static async Task<string[]> MessagesAsync(ExtraHost host, string requestId)
    {
        using HttpResponseMessage response = await host.Http.GetAsync($"/api/v1/download/{requestId}/logs?limit=500");
        response.EnsureSuccessStatusCode();
        using JsonDocument logs = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. logs.RootElement.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
    }

    private static async Task WaitForLogAsync(ExtraHost host, string requestId, string message)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        string[] messages = [];
        while (DateTime.UtcNow < deadline)
        {
            messages = await MessagesAsync(host, requestId);
            if (messages.Contains(message))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the job never logged \"{message}\"; its log: {string.Join(" | ", messages)}");
    }
}
