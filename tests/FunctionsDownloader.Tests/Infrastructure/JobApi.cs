using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>The download routes as tests use them, over one HTTP client (and so one API key and host).</summary>
public sealed class JobApi(HttpClient http)
{
    /// <summary>Creates a download job for <paramref name="url"/> (plus the fields of <paramref name="extra"/>) and returns its request id.</summary>
    public async Task<string> CreateDownloadAsync(Uri url, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["url"] = url.AbsoluteUri };
        if (extra is not null)
        {
            foreach (JsonProperty property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/download", body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {text}");
        using JsonDocument json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("request_id").GetString()!;
    }

    /// <summary>The job's current state as JSON.</summary>
    public async Task<JsonElement> GetJobAsync(string requestId)
    {
        using HttpResponseMessage response = await http.GetAsync($"/api/v1/download/{requestId}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls the job until <paramref name="done"/> holds, failing after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForJobAsync(string requestId, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        JsonElement job;
        do
        {
            job = await GetJobAsync(requestId);
            if (done(job))
            {
                return job;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Job {requestId} did not reach the expected state in {timeout}; last seen: {job}");
    }

    /// <summary>Polls until the job has finished (completed, failed, cancelled or expired).</summary>
    public Task<JsonElement> WaitForFinishAsync(string requestId, TimeSpan? timeout = null) =>
        WaitForJobAsync(
            requestId,
            j => j.GetProperty("status").GetString() is "completed" or "failed" or "cancelled" or "expired",
            timeout ?? TimeSpan.FromSeconds(90));
}
