using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Housekeeping;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>Results expire: the blob is deleted, the job says <c>expired</c>, links die with it.</summary>
[Collection(ServiceGroup.Name)]
public sealed class ExpiryTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_result_past_its_retention_is_deleted_and_the_job_shows_expired()
    {
        // Arrange: a host that keeps results for 4 seconds and sweeps every second.
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, "expiry"));
        settings["Downloader:RetentionHours"] = (4.0 / 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Downloader:CleanupSchedule"] = "* * * * * *";
        await using StandaloneApp host = await StandaloneApp.StartAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        Assert.Contains(host.App.Services.GetServices<IHostedService>(), s => s is HousekeepingService);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", service.ApiKey);

        using HttpResponseMessage created = await client.PostAsJsonAsync("/api/v1/download", new { url = service.Site.DirectMp4 });
        string requestId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("request_id").GetString()!;
        JsonElement completed = await PollAsync(client, requestId, "completed");
        var link = new Uri(completed.GetProperty("file_url").GetString()!);
        DateTimeOffset deletion = completed.GetProperty("deletion_time").GetDateTimeOffset();
        DateTimeOffset linkExpiry = DateTimeOffset.Parse(
            HttpUtility.ParseQueryString(link.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture);

        // Act
        JsonElement expired = await PollAsync(client, requestId, "expired");

        // Assert
        Assert.True(linkExpiry <= deletion.AddSeconds(1), $"the link expires at {linkExpiry}, after the deletion time {deletion}");
        Assert.InRange(deletion - completed.GetProperty("completed_at").GetDateTimeOffset(), TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(4.5));
        Assert.False(expired.TryGetProperty("file_url", out _));
        Assert.False(expired.TryGetProperty("file_path", out _));
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            Assert.Fail($"the blob {blob.Name} is still there");
        }

        using var plain = new HttpClient();
        using HttpResponseMessage old = await plain.GetAsync(link);
        Assert.False(old.IsSuccessStatusCode, "the old link still serves the file");

        using HttpResponseMessage logs = await client.GetAsync($"/api/v1/download/{requestId}/logs");
        Assert.Contains("deletion time", await logs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage cancel = await client.DeleteAsync($"/api/v1/download/{requestId}");
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string requestId, string status)
    {
        for (int i = 0; i < 240; i++)
        {
            JsonElement job = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/download/{requestId}")).RootElement.Clone();
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }

            Assert.NotEqual("failed", job.GetProperty("status").GetString());
            await Task.Delay(250);
        }

        throw new TimeoutException($"job {requestId} never became {status}");
    }
}
