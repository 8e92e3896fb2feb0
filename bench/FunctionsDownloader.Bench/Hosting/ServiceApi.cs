using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsDownloader.Bench.Hosting;

/// <summary>The routes the benchmark drives, as a caller would: create, then poll until finished.</summary>
public sealed class ServiceApi(HttpClient http)
{
    private static readonly TimeSpan JobPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan BatchPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>The client (with the key and base address), for the polling scenario.</summary>
    public HttpClient Http => http;

    /// <summary>Creates a download of <paramref name="url"/>; its request id.</summary>
    public async Task<string> CreateDownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(
            "/api/v1/download", new { url = url.AbsoluteUri }, cancellationToken);
        JsonElement body = await ReadAsync(response, HttpStatusCode.Created, "creating a download", cancellationToken);
        return body.GetProperty("request_id").GetString()!;
    }

    /// <summary>Polls the job every 50 ms until it has finished; the last answer.</summary>
    public Task<JsonElement> WaitForJobAsync(string requestId, TimeSpan timeout, CancellationToken cancellationToken) =>
        PollAsync($"/api/v1/download/{requestId}", JobPoll, timeout, cancellationToken);

    /// <summary>The job's log lines: when each was written and what it says.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, string Message)>> GetLogsAsync(
        string requestId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync(
            new Uri($"/api/v1/download/{requestId}/logs?limit=500", UriKind.Relative), cancellationToken);
        JsonElement body = await ReadAsync(response, HttpStatusCode.OK, "reading a job's logs", cancellationToken);
        return
        [
            .. body.GetProperty("logs").EnumerateArray().Select(l =>
                (l.GetProperty("timestamp").GetDateTimeOffset(), l.GetProperty("message").GetString() ?? "")),
        ];
    }

    /// <summary>
    /// Creates a batch of <paramref name="urls"/> with <paramref name="concurrentLimit"/>; its id, or
    /// <c>null</c> when the host has no batch route (404).
    /// </summary>
    public async Task<string?> CreateBatchAsync(
        IReadOnlyList<Uri> urls, int concurrentLimit, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(
            "/api/v1/batch/download",
            new Dictionary<string, object>
            {
                ["urls"] = urls.Select(u => u.AbsoluteUri).ToArray(),
                ["concurrent_limit"] = concurrentLimit,
            },
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        JsonElement body = await ReadAsync(response, HttpStatusCode.Created, "creating a batch", cancellationToken);
        return body.GetProperty("batch_id").GetString()!;
    }

    /// <summary>Polls the batch every 250 ms until it has finished; the last answer.</summary>
    public Task<JsonElement> WaitForBatchAsync(string batchId, TimeSpan timeout, CancellationToken cancellationToken) =>
        PollAsync($"/api/v1/batch/{batchId}", BatchPoll, timeout, cancellationToken);

    private async Task<JsonElement> PollAsync(
        string path, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using HttpResponseMessage response =
                await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            JsonElement body = await ReadAsync(response, HttpStatusCode.OK, "polling " + path, cancellationToken);
            if (body.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} was still {body.GetProperty("status")} after {timeout}.");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    private static async Task<JsonElement> ReadAsync(
        HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
        }

        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
