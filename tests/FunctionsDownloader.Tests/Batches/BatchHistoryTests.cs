using System.Text.Json;
using Azure.Data.Tables;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Batches;

/// <summary>
/// A 500-entry playlist runs through the whole fan-out (batch, pages, one download orchestration per
/// entry) without any single orchestration's history growing with the playlist: read from the task hub's
/// History table in Azurite, where each instance's events are one partition.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class BatchHistoryTests(ServiceFixture service)
{
    // A page of 50 jobs needs about 4 events per job (created, completed, and the replay that each completion
    // wakes); the batch a few per page. One orchestration for all 500 jobs would need more than 1,500.
    private const int HistoryBound = 300;

    [Fact(Timeout = 360_000)]
    public async Task Downloading_a_500_entry_feed_keeps_every_orchestration_history_bounded()
    {
        // Arrange: every entry of the large feed points at an address the service refuses, so each job fails
        // at its first step, without a download, while still going through every orchestration. A host of its
        // own, on a task hub of its own, polls its queues often: 500 jobs make thousands of queue hops.
        Uri feed = BatchApi.Tagged(service.Site.LargeFeed, BatchApi.NewTag());
        string hub = "history" + Guid.NewGuid().ToString("N")[..10];
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, hub));
        settings["DurableTask:HubName"] = hub;
        settings["DurableTask:MaxQueuePollingIntervalMilliseconds"] = "250";
        settings["DurableTask:MaxConcurrentActivities"] = "10";
        await using StandaloneApp host = await StandaloneApp.StartAsync(
            [], builder => builder.Configuration.AddInMemoryCollection(settings));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", service.ApiKey);

        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/playlist/download", new { url = feed, concurrent_limit = 10 }, client);
        string batchId = created.GetProperty("batch_id").GetString()!;
        JsonElement batch = await service.WaitForBatchFinishAsync(batchId, TimeSpan.FromMinutes(5), client);

        // Assert: every job ran and failed on its own.
        Assert.Equal(service.Site.LargeFeedCount, batch.GetProperty("total_urls").GetInt32());
        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Equal(service.Site.LargeFeedCount, batch.GetProperty("failed").GetInt32());
        Assert.All(batch.JobValues("error_code"), code => Assert.Equal("unsupported_url", code));
        Assert.Equal(
            Enumerable.Range(1, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            batch.JobValues("playlist_index"));

        // The batch's history, its pages' and its jobs': all there, none large.
        HashSet<string> jobIds = [.. batch.JobValues("request_id").Select(id => id!)];
        Dictionary<string, int> events = await HistoryEventCountsAsync(
            hub,
            id => id == batchId || id.StartsWith(batchId + "-page-", StringComparison.Ordinal) || jobIds.Contains(id));
        Assert.Contains(batchId, events.Keys);
        Assert.Equal(10, events.Keys.Count(k => k.StartsWith(batchId + "-page-", StringComparison.Ordinal)));
        Assert.Equal(500, events.Keys.Count(jobIds.Contains));
        KeyValuePair<string, int> largest = events.MaxBy(e => e.Value);
        Assert.True(
            largest.Value <= HistoryBound,
            $"the history of {largest.Key} has {largest.Value} events, more than {HistoryBound}");
    }

    /// <summary>How many history events each orchestration instance <paramref name="wanted"/> selects has.</summary>
    private async Task<Dictionary<string, int>> HistoryEventCountsAsync(string hub, Func<string, bool> wanted)
    {
        var table = new TableServiceClient(service.Azurite.ConnectionString).GetTableClient(hub + "History");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "EventType"]))
        {
            // The provider keeps one sentinel row per instance beside its events.
            if (wanted(row.PartitionKey) && row.GetString("EventType") is not null)
            {
                counts[row.PartitionKey] = counts.GetValueOrDefault(row.PartitionKey) + 1;
            }
        }

        return counts;
    }
}
