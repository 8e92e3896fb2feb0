using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>Cancel racing completion has exactly one winner, and a finished job never changes again.</summary>
[Collection(ServiceGroup.Name)]
public sealed class CancelRaceTests(ServiceFixture service)
{
    private const int Jobs = 100;

    [Fact(Timeout = 300_000)]
    public async Task A_hundred_cancels_racing_completion_never_leave_a_job_both_or_neither()
    {
        // Arrange
        string[] ids = await Task.WhenAll(Enumerable.Range(0, Jobs).Select(_ => service.CreateDownloadAsync(service.Site.DirectMp4)));
        await service.Results.CreateIfNotExistsAsync();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var cancels = new ConcurrentDictionary<string, Task<HttpStatusCode>>();

        // Act: watch the jobs table and fire each job's cancel as its download gets going, a
        // little later for each job, so that cancels land just before, during and after completion.
        while (cancels.Count < Jobs)
        {
            await foreach (TableEntity row in service.JobsTable.QueryAsync<TableEntity>(select: ["PartitionKey", "Status", "Phase"]))
            {
                if (!index.TryGetValue(row.PartitionKey, out int i) || cancels.ContainsKey(row.PartitionKey))
                {
                    continue;
                }

                string? status = row.GetString("Status");
                string? phase = row.GetString("Phase");
                if (status == "completed" || (status == "running" && phase is "downloading" or "uploading"))
                {
                    cancels[row.PartitionKey] = CancelAsync(row.PartitionKey, TimeSpan.FromMilliseconds(i % 10 * 500));
                }
            }

            await Task.Delay(100);
        }

        HttpStatusCode[] answers = await Task.WhenAll(ids.Select(id => cancels[id]));
        JsonElement[] finished = await Task.WhenAll(ids.Select(id => service.WaitForFinishAsync(id, TimeSpan.FromMinutes(4))));
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Assert
        for (int i = 0; i < Jobs; i++)
        {
            string status = finished[i].GetProperty("status").GetString()!;
            JsonElement later = await service.GetJobAsync(ids[i]);
            Assert.Equal(status, later.GetProperty("status").GetString());
            int blobs = await CountBlobsAsync(ids[i]);
            switch (status)
            {
                case "completed":
                    Assert.Equal(HttpStatusCode.BadRequest, answers[i]);
                    Assert.Equal(1, blobs);
                    Assert.True(later.TryGetProperty("file_url", out _));
                    break;
                case "cancelled":
                    Assert.Equal(HttpStatusCode.OK, answers[i]);
                    Assert.Equal(0, blobs);
                    Assert.False(later.TryGetProperty("file_url", out _));
                    break;
                default:
                    Assert.Fail($"job {ids[i]} ended {status}: {later}");
                    break;
            }
        }

        // Both outcomes happened, so the race was real.
        Assert.Contains(finished, j => j.GetProperty("status").GetString() == "completed");
        Assert.Contains(finished, j => j.GetProperty("status").GetString() == "cancelled");
    }

    private async Task<HttpStatusCode> CancelAsync(string requestId, TimeSpan delay)
    {
        await Task.Delay(delay);
        using HttpResponseMessage response = await service.Http.DeleteAsync($"/api/v1/download/{requestId}");
        return response.StatusCode;
    }

    private async Task<int> CountBlobsAsync(string requestId)
    {
        int count = 0;
        await foreach (BlobItem _ in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            count++;
        }

        return count;
    }
}
