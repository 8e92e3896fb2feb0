using System.Text.Json;
using Azure.Data.Tables;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>Finished orchestration histories leave the task hub; the job record keeps the result.</summary>
[Collection(ServiceGroup.Name)]
public sealed class HistoryPurgeTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_finished_jobs_history_is_purged_and_its_record_stays_intact()
    {
        // Arrange
        await using ExtraHost host = await ExtraHost.StartAsync(service, "purge", new Dictionary<string, string?>
        {
            ["Downloader:PurgeHistoryAfterMinutes"] = "0",
            ["Downloader:CleanupSchedule"] = "* * * * * *",
        });
        string hub = host.Settings["DurableTask:HubName"]!;
        var tables = new TableServiceClient(service.Azurite.ConnectionString);

        // Act
        string requestId = await host.Jobs.CreateDownloadAsync(service.Site.DirectMp4);
        Assert.True(await HistoryRowsAsync(tables, hub, requestId) > 0 || await WaitAsync(async () => await HistoryRowsAsync(tables, hub, requestId) > 0));
        bool purged = await WaitAsync(async () =>
        {
            TableEntity job = (await service.JobsTable.GetEntityAsync<TableEntity>(requestId, "job")).Value;
            return job.GetBoolean("HistoryPurged") == true;
        });

        // Assert
        Assert.True(purged, "the job was never marked purged");
        Assert.Equal(0, await HistoryRowsAsync(tables, hub, requestId));
        Assert.Equal(0, await CountAsync(tables.GetTableClient(hub + "Instances"), requestId));
        JsonElement job = await host.Jobs.GetJobAsync(requestId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.True(job.TryGetProperty("file_url", out _));
    }

    private static Task<int> HistoryRowsAsync(TableServiceClient tables, string hub, string instanceId) =>
        CountAsync(tables.GetTableClient(hub + "History"), instanceId);

    private static async Task<int> CountAsync(TableClient table, string partition)
    {
        int count = 0;
        await foreach (TableEntity _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            count++;
        }

        return count;
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 240; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
