using System.Globalization;
using Azure.Storage.Blobs.Models;
using System.Text.Json;
using FunctionsDownloader.Batches;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsDownloader.Tests.Batches;

/// <summary>Housekeeping of batches: archives expire like results, and the batch's own histories are purged.</summary>
[Collection(ServiceGroup.Name)]
public sealed class BatchHousekeepingTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task An_archive_past_its_retention_is_deleted_and_the_batch_histories_are_purged()
    {
        // Arrange: a host that keeps results for 15 seconds, sweeps every second and purges at once, on a task
        // hub of its own: sharing the fixture's hub would stall its queues while the two hosts rebalance
        // partitions, long enough for the item's file to expire before the archive is built.
        string hub = "batchexpiry" + Guid.NewGuid().ToString("N")[..8];
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, hub));
        settings["DurableTask:HubName"] = hub;
        settings["DurableTask:MaxQueuePollingIntervalMilliseconds"] = "250";
        settings["Downloader:RetentionHours"] = (15.0 / 3600).ToString(CultureInfo.InvariantCulture);
        settings["Downloader:CleanupSchedule"] = "* * * * * *";
        settings["Downloader:PurgeHistoryAfterMinutes"] = "0";
        await using StandaloneApp host =
            await StandaloneApp.StartAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", service.ApiKey);
        JsonElement created = await service.CreateAsync(
            "/api/v1/batch/download", new { urls = new[] { service.Site.FeedItem(31) }, archive = "zip" }, client);
        string batchId = created.GetProperty("batch_id").GetString()!;
        JsonElement completed = await service.WaitForBatchAsync(
            batchId, b => b.GetProperty("status").GetString() == "completed" && b.TryGetProperty("archive_url", out _),
            TimeSpan.FromSeconds(60),
            client);
        var link = new Uri(completed.GetProperty("archive_url").GetString()!);

        // Act
        JsonElement expired = await service.WaitForBatchAsync(
            batchId, b => b.GetProperty("archive_status").GetString() == "expired", TimeSpan.FromSeconds(60), client);

        // Assert
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.False(expired.TryGetProperty("archive_url", out _));
        using var plain = new HttpClient();
        using HttpResponseMessage old = await plain.GetAsync(link);
        Assert.False(old.IsSuccessStatusCode, "the old link still serves the archive");
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = batchId + "/" }))
        {
            Assert.Fail($"the archive {blob.Name} is still there");
        }

        DurableTaskClient durable = host.App.Services.GetRequiredService<DurableTaskClient>();
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        string page = BatchIds.PageInstanceId(batchId, 1);
        while (DateTime.UtcNow < deadline &&
            (await durable.GetInstanceAsync(batchId) is not null || await durable.GetInstanceAsync(page) is not null))
        {
            await Task.Delay(500);
        }

        Assert.Null(await durable.GetInstanceAsync(batchId));
        Assert.Null(await durable.GetInstanceAsync(page));
    }
}
