using System.Net;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>A job's log: workflow events and tool lines, in order, paginated, without query strings.</summary>
[Collection(ServiceGroup.Name)]
public sealed class JobLogsTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task Logs_come_in_order_page_by_page_without_query_strings()
    {
        // Arrange
        var source = new Uri(service.Site.DirectMp4, "?token=secret-value-123");
        string requestId = await service.CreateDownloadAsync(source);
        await service.WaitForFinishAsync(requestId);

        // Act
        JsonElement all = await LogsAsync(requestId, "");
        int total = all.GetProperty("total_count").GetInt32();
        JsonElement first = await LogsAsync(requestId, "?offset=0&limit=3");
        JsonElement second = await LogsAsync(requestId, "?offset=3&limit=3");
        JsonElement past = await LogsAsync(requestId, $"?offset={total + 5}&limit=3");
        using HttpResponseMessage bad = await service.Http.GetAsync($"/api/v1/download/{requestId}/logs?limit=0");

        // Assert
        string[] messages = [.. all.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
        DateTimeOffset[] times = [.. all.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("timestamp").GetDateTimeOffset())];
        Assert.True(total >= 6, $"only {total} lines");
        Assert.Equal(total, messages.Length);
        Assert.Equal(times.Order(), times);
        Assert.StartsWith("Resolving", messages[0], StringComparison.Ordinal);
        Assert.Equal("Completed.", messages[^1]);
        Assert.Contains(messages, m => m.StartsWith("[download]", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("secret-value-123", StringComparison.Ordinal));
        Assert.Equal(messages[..3], first.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
        Assert.Equal(messages[3..6], second.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
        Assert.Equal(total, second.GetProperty("total_count").GetInt32());
        Assert.Empty(past.GetProperty("logs").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<JsonElement> LogsAsync(string requestId, string query)
    {
        using HttpResponseMessage response = await service.Http.GetAsync($"/api/v1/download/{requestId}/logs{query}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
