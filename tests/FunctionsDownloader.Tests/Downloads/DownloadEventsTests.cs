using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.Functions.Http;
using FunctionsDownloader.Security;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary><c>GET /api/v1/download/{request_id}/events</c>: Server-Sent Events of a job until it finishes.</summary>
[Collection(ServiceGroup.Name)]
public sealed class DownloadEventsTests(ServiceFixture service)
{
    [Fact(Timeout = 150_000)]
    public async Task The_stream_of_a_slow_download_sends_progress_events_then_completed_and_ends()
    {
        // Arrange
        using HttpClient client = service.NewClient(service.ApiKey);
        client.Timeout = TimeSpan.FromSeconds(120);
        string requestId = await service.CreateDownloadAsync(service.Site.SlowMp4);

        // Act
        using HttpResponseMessage response = await client.GetAsync(
            $"/api/v1/download/{requestId}/events", HttpCompletionOption.ResponseHeadersRead);
        List<ServerSentEvent> events = await ReadAllAsync(response);
        using HttpResponseMessage again = await client.GetAsync($"/api/v1/download/{requestId}/events");
        List<ServerSentEvent> afterwards = await ReadAllAsync(again);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        ServerSentEvent last = events[^1];
        Assert.Equal("completed", last.Name);
        Assert.Equal("completed", last.Data.GetProperty("status").GetString());
        Assert.Equal(100, last.Data.GetProperty("progress_percent").GetDouble());
        Assert.StartsWith("http", last.Data.GetProperty("file_url").GetString(), StringComparison.Ordinal);
        Assert.All(events[..^1], e => Assert.Equal("progress", e.Name));
        Assert.All(events, e => Assert.Equal(requestId, e.Data.GetProperty("request_id").GetString()));

        double[] percents = [.. events[..^1].Select(e => e.Data.GetProperty("progress_percent").GetDouble())];
        Assert.True(percents.Count(p => p is > 0 and < 100) >= 3, $"progress seen: {string.Join(", ", percents)}");
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());

        ServerSentEvent only = Assert.Single(afterwards);
        Assert.Equal("completed", only.Name);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_stream_is_the_owners_alone_and_the_Functions_wrapper_writes_it_too()
    {
        // Arrange
        string requestId = await service.CreateDownloadAsync(service.Site.DirectMp4);
        await service.WaitForFinishAsync(requestId);
        using HttpClient other = service.NewClient(await service.CreateApiKeyAsync("events-other"));
        using HttpClient anonymous = service.NewClient(null);
        IServiceProvider services = service.Host.App.Services;
        var functions = ActivatorUtilities.CreateInstance<DownloadFunctions>(services);
        DefaultHttpContext context = new() { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = $"/api/v1/download/{requestId}/events";
        context.Request.Headers["X-API-Key"] = service.ApiKey;
        context.Response.Body = new MemoryStream();
        Assert.Null(await services.GetRequiredService<RequestGate>().AdmitAsync(context));

        // Act
        using HttpResponseMessage foreign = await other.GetAsync($"/api/v1/download/{requestId}/events");
        using HttpResponseMessage unauthenticated = await anonymous.GetAsync($"/api/v1/download/{requestId}/events");
        await (await functions.DownloadEvents(context.Request, requestId)).ExecuteAsync(context);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("text/event-stream; charset=utf-8", context.Response.ContentType);
        string body = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        ServerSentEvent written = Assert.Single(Parse(body));
        Assert.Equal("completed", written.Name);
    }

    private sealed record ServerSentEvent(string Id, string Name, JsonElement Data);

    private static async Task<List<ServerSentEvent>> ReadAllAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        return Parse(await reader.ReadToEndAsync());
    }

    /// <summary>The events of an event stream (comments, retry hints and blank blocks skipped).</summary>
    private static List<ServerSentEvent> Parse(string stream)
    {
        List<ServerSentEvent> events = [];
        foreach (string block in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Dictionary<string, string> fields = block.Split('\n')
                .Where(line => line.Length > 0 && !line.StartsWith(':'))
                .Select(line => line.Split(": ", 2))
                .ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "", StringComparer.Ordinal);
            if (fields.TryGetValue("data", out string? data))
            {
                JsonElement json = JsonDocument.Parse(data).RootElement.Clone();
                events.Add(new ServerSentEvent(fields["id"], fields["event"], json));
            }
        }

        return events;
    }
}
