using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>Stalls, oversized files and a full disk end jobs with their own codes, leaving nothing behind.</summary>
[Collection(ServiceGroup.Name)]
public sealed class WatchdogTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task A_stalled_source_ends_timeout_within_the_window_and_leaves_no_process()
    {
        // Arrange: yt-dlp itself would wait two minutes; the watchdog allows five silent seconds.
        await using StandaloneApp host = await StartAsync("watchdog-stall", new()
        {
            ["Downloader:StallTimeoutSeconds"] = "5",
            ["Downloader:SocketTimeoutSeconds"] = "120",
            ["Downloader:MaxAttempts"] = "1",
        });
        using HttpClient client = Client(host);
        var clock = Stopwatch.StartNew();

        // Act
        string requestId = await CreateAsync(client, service.Site.Stall);
        JsonElement job = await WaitForFinishAsync(client, requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("timeout", job.GetProperty("error_code").GetString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40));
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(requestId, TimeSpan.FromSeconds(5)));
        Assert.False(Directory.Exists(Path.Combine(service.WorkRoot, "watchdog-stall", requestId)));
    }

    [Theory(Timeout = 180_000)]
    [InlineData("direct")]
    [InlineData("hls")]
    public async Task A_file_over_the_size_limit_fails_file_too_large(string input)
    {
        // Arrange
        await using StandaloneApp host = await StartAsync("watchdog-size-" + input, new()
        {
            ["Downloader:MaxFileSizeBytes"] = "100000",
            ["Downloader:MaxAttempts"] = "1",
        });
        using HttpClient client = Client(host);

        // Act
        string requestId = await CreateAsync(client, input == "direct" ? service.Site.DirectMp4 : service.Site.HlsMaster);
        JsonElement job = await WaitForFinishAsync(client, requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.True(job.GetProperty("error_code").GetString() == "file_too_large", job.ToString());
        Assert.False(job.TryGetProperty("file_url", out _));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_download_that_would_not_fit_on_disk_fails_insufficient_storage()
    {
        // Arrange: a reserve larger than any disk.
        await using StandaloneApp host = await StartAsync("watchdog-disk", new()
        {
            ["Downloader:MinFreeDiskBytes"] = (1L << 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Downloader:MaxAttempts"] = "1",
        });
        using HttpClient client = Client(host);

        // Act
        string requestId = await CreateAsync(client, service.Site.DirectMp4);
        JsonElement job = await WaitForFinishAsync(client, requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("insufficient_storage", job.GetProperty("error_code").GetString());
        Assert.Contains("MiB free", job.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private Task<StandaloneApp> StartAsync(string name, Dictionary<string, string?> overrides)
    {
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, name));
        foreach ((string key, string? value) in overrides)
        {
            settings[key] = value;
        }

        return StandaloneApp.StartAsync([], b => b.Configuration.AddInMemoryCollection(settings));
    }

    private HttpClient Client(StandaloneApp host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", service.ApiKey);
        return client;
    }

    private static async Task<string> CreateAsync(HttpClient client, Uri url)
    {
        using HttpResponseMessage created = await client.PostAsJsonAsync("/api/v1/download", new { url });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("request_id").GetString()!;
    }

    private static async Task<JsonElement> WaitForFinishAsync(HttpClient client, string requestId)
    {
        for (int i = 0; i < 400; i++)
        {
            JsonElement job = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/download/{requestId}")).RootElement.Clone();
            if (job.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return job;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"job {requestId} did not finish");
    }
}
