using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>Storage going away: submits get 503 and start nothing; a failed upload is retried.</summary>
[Collection(ServiceGroup.Name)]
public sealed class StorageOutageTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task A_submit_while_storage_is_down_is_503_with_retry_after_and_starts_nothing()
    {
        // Arrange
        await using AzuriteServer azurite = await AzuriteServer.StartAsync();
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, "outage"));
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        string hub = settings["DurableTask:HubName"]!;
        await using StandaloneApp host = await StandaloneApp.StartAsync([], b => b.Configuration.AddInMemoryCollection(settings));
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-API-Key", service.AdminKey);
        var tables = new TableServiceClient(azurite.ConnectionString);
        int instancesBefore = await CountAsync(tables.GetTableClient(hub + "Instances"));

        // Act
        await azurite.StopAsync();
        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/download", new { url = service.Site.DirectMp4 });
        await azurite.StartAgainAsync();

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"answered {(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(instancesBefore, await CountAsync(tables.GetTableClient(hub + "Instances")));
        Assert.Equal(0, await CountAsync(tables.GetTableClient("fdjobs")));
    }

    [Fact(Timeout = 180_000)]
    public async Task An_upload_that_fails_is_retried_and_the_job_completes_with_one_blob()
    {
        // Arrange: a lease on the blob the job will write makes its first upload fail.
        string requestId = await service.CreateDownloadAsync(service.Site.SlowMp4);
        BlobContainerClient results = service.Results;
        await results.CreateIfNotExistsAsync();
        BlobClient blocked = results.GetBlobClient($"{requestId}/long.mp4");
        await blocked.UploadAsync(BinaryData.FromString("placeholder"), overwrite: true);
        BlobLeaseClient lease = blocked.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(-1));

        // Act: wait for the failed attempt, then lift the lease.
        await service.WaitForJobAsync(
            requestId,
            _ => AttemptAsync(requestId).GetAwaiter().GetResult() >= 2,
            TimeSpan.FromSeconds(90));
        await lease.BreakAsync(TimeSpan.Zero);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, await AttemptAsync(requestId));
        var blobs = new List<BlobItem>();
        await foreach (BlobItem blob in results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            blobs.Add(blob);
        }

        BlobItem stored = Assert.Single(blobs);
        Assert.Equal(service.Site.SlowMp4Length, stored.Properties.ContentLength);
    }

    private async Task<int> AttemptAsync(string requestId) =>
        (await service.JobsTable.GetEntityAsync<TableEntity>(requestId, "job")).Value.GetInt32("Attempt") ?? 0;

    private static async Task<int> CountAsync(TableClient table)
    {
        int count = 0;
        try
        {
            await foreach (TableEntity _ in table.QueryAsync<TableEntity>())
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No such table yet: nothing in it.
        }

        return count;
    }
}
