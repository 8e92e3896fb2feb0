using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>The Standalone host killed with SIGKILL mid-download finishes the job after it restarts.</summary>
[Collection(ServiceGroup.Name)]
public sealed class RestartTests(ServiceFixture service)
{
    [Fact(Timeout = 300_000)]
    public async Task A_host_killed_during_a_download_finishes_the_job_after_restart()
    {
        // Arrange: a separate host process with short activity locks.
        string workRoot = Path.Combine(service.WorkRoot, "restart");
        Dictionary<string, string?> settings = service.Settings(workRoot);
        settings["DurableTask:ActivityLockSeconds"] = "10";
        int port = AzuriteServer.FreePort();
        string requestId;
        await using (StandaloneProcess first = await StandaloneProcess.StartAsync(settings, port))
        {
            using HttpClient client = Client(first.BaseAddress);
            using HttpResponseMessage created = await client.PostAsJsonAsync("/api/v1/download", new { url = service.Site.SlowMp4 });
            requestId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("request_id").GetString()!;
            await WaitAsync(client, requestId, j => j.GetProperty("phase").GetString() == "downloading" && j.GetProperty("progress_percent").GetDouble() > 0);

            // Act
            first.KillHard();
        }

        await using StandaloneProcess second = await StandaloneProcess.StartAsync(settings, port);
        using HttpClient again = Client(second.BaseAddress);
        JsonElement job = await WaitAsync(again, requestId, j => j.GetProperty("status").GetString() is not ("queued" or "running"));

        // Assert
        Assert.Equal("completed", job.GetProperty("status").GetString());
        TableEntity record = (await service.JobsTable.GetEntityAsync<TableEntity>(requestId, "job")).Value;
        Assert.True(record.GetInt32("Attempt") >= 2, "the download did not run again after the restart");
        var blobs = new List<BlobItem>();
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            blobs.Add(blob);
        }

        BlobItem stored = Assert.Single(blobs);
        Assert.Equal(service.Site.SlowMp4Length, stored.Properties.ContentLength);
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(requestId, TimeSpan.FromSeconds(10)));
        Assert.False(Directory.Exists(Path.Combine(workRoot, requestId)), "the job directory was left behind");
    }

    private HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-API-Key", service.ApiKey);
        return client;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string requestId, Func<JsonElement, bool> done)
    {
        for (int i = 0; i < 480; i++)
        {
            JsonElement job = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/download/{requestId}")).RootElement.Clone();
            if (done(job))
            {
                return job;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"job {requestId} did not reach the expected state");
    }
}
