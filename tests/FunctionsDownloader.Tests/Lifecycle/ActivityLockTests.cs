using System.Text.Json;
using Azure.Data.Tables;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>A download that outlives the activity lock is renewed, not run a second time.</summary>
[Collection(ServiceGroup.Name)]
public sealed class ActivityLockTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_download_longer_than_the_lock_runs_once_even_with_a_second_instance_waiting()
    {
        // Arrange: two instances on one hub, a 4-second lock, and a download that takes about three times that.
        var overrides = new Dictionary<string, string?> { ["DurableTask:ActivityLockSeconds"] = "4" };
        await using ExtraHost host = await ExtraHost.StartAsync(service, "locks", overrides);
        overrides["DurableTask:HubName"] = host.Settings["DurableTask:HubName"];
        await using ExtraHost other = await ExtraHost.StartAsync(service, "locks", overrides);
        Assert.True(service.Site.SlowMp4MinimumTransferTime > TimeSpan.FromSeconds(8));

        // Act
        string requestId = await host.Jobs.CreateDownloadAsync(service.Site.SlowMp4);
        JsonElement job = await host.Jobs.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("completed", job.GetProperty("status").GetString());
        TableEntity record = (await service.JobsTable.GetEntityAsync<TableEntity>(requestId, "job")).Value;
        Assert.Equal(1, record.GetInt32("Attempt"));
    }
}
