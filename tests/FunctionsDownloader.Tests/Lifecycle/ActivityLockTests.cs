using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>A download that outlives the activity lock is renewed, not run a second time.</summary>
[Collection(ServiceGroup.Name)]
public sealed class ActivityLockTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_download_longer_than_the_lock_runs_once_even_with_a_second_instance_waiting()
    {
        // Arrange: two instances on one hub, a 4-second lock, and a download that takes about three times that.
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, "locks"));
        settings["DurableTask:ActivityLockSeconds"] = "4";
        await using StandaloneApp host = await StandaloneApp.StartAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        await using StandaloneApp other = await StandaloneApp.StartAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", service.ApiKey);
        Assert.True(service.Site.SlowMp4MinimumTransferTime > TimeSpan.FromSeconds(8));

        // Act
        using HttpResponseMessage created = await client.PostAsJsonAsync("/api/v1/download", new { url = service.Site.SlowMp4 });
        string requestId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("request_id").GetString()!;
        string status;
        do
        {
            await Task.Delay(500);
            status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/download/{requestId}")).RootElement.GetProperty("status").GetString()!;
        }
        while (status is "queued" or "running");

        // Assert
        Assert.Equal("completed", status);
        TableEntity job = (await service.JobsTable.GetEntityAsync<TableEntity>(requestId, "job")).Value;
        Assert.Equal(1, job.GetInt32("Attempt"));
    }
}
