using System.Net;
using System.Text.Json;
using System.Web;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Housekeeping;
using FunctionsDownloader.Tests.Infrastructure;
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
        await using ExtraHost host = await ExtraHost.StartAsync(service, "expiry", new Dictionary<string, string?>
        {
            ["Downloader:RetentionHours"] = (4.0 / 3600).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Downloader:CleanupSchedule"] = "* * * * * *",
        });
        Assert.Contains(host.App.App.Services.GetServices<IHostedService>(), s => s is HousekeepingService);
        HttpClient client = host.Http;

        string requestId = await host.Jobs.CreateDownloadAsync(service.Site.DirectMp4);
        JsonElement completed = await host.Jobs.WaitForJobAsync(requestId, j => Is(j, "completed"), TimeSpan.FromSeconds(60));
        var link = new Uri(completed.GetProperty("file_url").GetString()!);
        DateTimeOffset deletion = completed.GetProperty("deletion_time").GetDateTimeOffset();
        DateTimeOffset linkExpiry = DateTimeOffset.Parse(
            HttpUtility.ParseQueryString(link.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture);

        // Act
        JsonElement expired = await host.Jobs.WaitForJobAsync(requestId, j => Is(j, "expired"), TimeSpan.FromSeconds(60));

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

    private static bool Is(JsonElement job, string status)
    {
        Assert.NotEqual("failed", job.GetProperty("status").GetString());
        return job.GetProperty("status").GetString() == status;
    }
}
