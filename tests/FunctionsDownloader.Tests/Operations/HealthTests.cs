using System.Net;
using System.Text.Json;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Operations;

/// <summary><c>GET /api/v1/health</c>: anonymous, real versions, 503 when a dependency is gone.</summary>
[Collection(ServiceGroup.Name)]
public sealed class HealthTests(ServiceFixture service)
{
    [Fact(Timeout = 60_000)]
    public async Task Health_is_anonymous_and_healthy_with_real_tool_versions()
    {
        // Arrange
        using HttpClient anonymous = service.NewClient(null);

        // Act
        using HttpResponseMessage response = await anonymous.GetAsync("/api/v1/health");

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using JsonDocument health = JsonDocument.Parse(text);
        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
        Assert.True(health.RootElement.GetProperty("uptime_seconds").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(health.RootElement.GetProperty("version").GetString()));
        Dictionary<string, JsonElement> checks = Checks(health);
        Assert.Equal(["ffmpeg", "ffprobe", "storage", "task_hub", "temp_disk", "yt-dlp"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.Equal("healthy", c.GetProperty("status").GetString()));
        Assert.Matches(@"^\d{4}\.\d{2}\.\d{2}", checks["yt-dlp"].GetProperty("message").GetString());
        Assert.StartsWith("ffmpeg version ", checks["ffmpeg"].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ffprobe version ", checks["ffprobe"].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Health_is_503_unhealthy_when_the_yt_dlp_path_is_missing()
    {
        // Arrange
        await using ExtraHost host = await ExtraHost.StartAsync(
            service, "health-tool", new Dictionary<string, string?> { ["Downloader:YtDlpPath"] = "/nonexistent/yt-dlp" });
        HttpClient client = host.Http;

        // Act
        using HttpResponseMessage response = await client.GetAsync("/api/v1/health");

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using JsonDocument health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", health.RootElement.GetProperty("status").GetString());
        Dictionary<string, JsonElement> checks = Checks(health);
        Assert.Equal("unhealthy", checks["yt-dlp"].GetProperty("status").GetString());
        Assert.Equal("healthy", checks["ffmpeg"].GetProperty("status").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task Health_is_503_unhealthy_when_storage_is_stopped_and_healthy_again_after()
    {
        // Arrange: a host on an Azurite of its own, which the test stops.
        await using AzuriteServer azurite = await AzuriteServer.StartAsync();
        await using ExtraHost host = await ExtraHost.StartAsync(
            service, "health-storage", new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        HttpClient client = host.Http;
        using (HttpResponseMessage before = await client.GetAsync("/api/v1/health"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Act
        await azurite.StopAsync();
        using HttpResponseMessage down = await client.GetAsync("/api/v1/health");
        await azurite.StartAgainAsync();
        HttpStatusCode after = HttpStatusCode.ServiceUnavailable;
        string afterText = "";
        for (int i = 0; i < 60 && after != HttpStatusCode.OK; i++)
        {
            await Task.Delay(500);
            using HttpResponseMessage again = await client.GetAsync("/api/v1/health");
            after = again.StatusCode;
            afterText = await again.Content.ReadAsStringAsync();
        }

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        string text = await down.Content.ReadAsStringAsync();
        using JsonDocument health = JsonDocument.Parse(text);
        Assert.Equal("unhealthy", Checks(health)["storage"].GetProperty("status").GetString());
        Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
        Assert.True(after == HttpStatusCode.OK, afterText);
    }

    private static Dictionary<string, JsonElement> Checks(JsonDocument health) =>
        health.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone(), StringComparer.Ordinal);
}
