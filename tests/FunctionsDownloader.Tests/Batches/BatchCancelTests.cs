using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Batches;

/// <summary>Cancelling a whole batch, and one job of a batch, through the Standalone host.</summary>
[Collection(ServiceGroup.Name)]
public sealed class BatchCancelTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_playlist_cancelled_while_it_is_listed_has_no_jobs_it_does_not_show()
    {
        // Arrange: a listing nobody asked for yet, so the batch starts by running yt-dlp on it.
        Uri feed = BatchApi.Tagged(service.Site.PlaylistFeed, BatchApi.NewTag());
        JsonElement created = await service.CreateAsync(
            "/api/v1/playlist/download", new { url = feed, items = "1-4", archive = "zip" });
        string batchId = created.GetProperty("batch_id").GetString()!;

        // Act
        using HttpResponseMessage cancel = await service.Http.DeleteAsync($"/api/v1/batch/{batchId}");
        await Task.Delay(TimeSpan.FromSeconds(8));
        JsonElement batch = await service.GetBatchAsync(batchId);

        // Assert: whatever the moment of the cancel, every job made for the batch is on it, and cancelled.
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        Assert.Equal("cancelled", batch.GetProperty("archive_status").GetString());
        HashSet<string> jobs = await service.JobIdsAsync();
        string[] made = [.. Enumerable.Range(1, 4)
            .Select(i => FunctionsDownloader.Batches.BatchIds.ItemRequestId(batchId, i))
            .Where(jobs.Contains)];
        Assert.Equal(made.Order(), batch.JobValues("request_id").Select(id => id!).Order());
        Assert.All(batch.Jobs(), j => Assert.Equal("cancelled", j.GetProperty("status").GetString()));
    }

    [Fact(Timeout = 180_000)]
    public async Task Cancelling_a_batch_midway_cancels_every_unfinished_job_and_leaves_no_running_process()
    {
        // Arrange: four slow downloads, two at a time; wait until both are moving.
        string tag = BatchApi.NewTag();
        Uri[] urls = [.. Enumerable.Range(1, 4).Select(n => service.Site.SlowTagged("media/long.mp4", tag, n))];
        JsonElement created = await service.CreateAsync("/api/v1/batch/download", new { urls, concurrent_limit = 2 });
        string batchId = created.GetProperty("batch_id").GetString()!;
        string[] requestIds = [.. created.JobValues("request_id").Select(id => id!)];
        await service.WaitForBatchAsync(
            batchId,
            b => b.Jobs().Count(j => j.GetProperty("status").GetString() == "running") == 2 &&
                b.GetProperty("progress_percent").GetDouble() > 0,
            TimeSpan.FromSeconds(60));
        Assert.NotEmpty(requestIds.SelectMany(ProcessTable.CommandLinesContaining));

        // Act
        using HttpResponseMessage cancel = await service.Http.DeleteAsync($"/api/v1/batch/{batchId}");

        // Assert
        string text = await cancel.Content.ReadAsStringAsync();
        Assert.True(cancel.StatusCode == HttpStatusCode.OK, text);
        using (JsonDocument answer = JsonDocument.Parse(text))
        {
            Assert.Equal("cancelled", answer.RootElement.GetProperty("status").GetString());
            Assert.Equal(4, answer.RootElement.GetProperty("cancelled").GetInt32());
        }

        foreach (string requestId in requestIds)
        {
            IReadOnlyList<string> left = await ProcessTable.WaitUntilNoneAsync(requestId, TimeSpan.FromSeconds(10));
            Assert.True(left.Count == 0, "processes still running: " + string.Join(" | ", left));
        }

        // Nothing starts again, nothing completes late.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, service.Site.SlowConcurrency(tag).Open);
        JsonElement batch = await service.GetBatchAsync(batchId);
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        Assert.Equal(new string?[] { "cancelled", "cancelled", "cancelled", "cancelled" }, batch.JobValues("status"));
        foreach (string requestId in requestIds)
        {
            JsonElement job = await service.GetJobAsync(requestId);
            Assert.Equal("cancelled", job.GetProperty("error_code").GetString());
            var underJob = new GetBlobsOptions { Prefix = requestId + "/" };
            await foreach (BlobItem blob in service.Results.GetBlobsAsync(underJob))
            {
                Assert.Fail($"a blob was left behind: {blob.Name}");
            }
        }

        using HttpResponseMessage again = await service.Http.DeleteAsync($"/api/v1/batch/{batchId}");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task Cancelling_one_job_of_a_batch_lets_the_others_run_to_the_end()
    {
        // Arrange: one at a time, the slow one in the middle.
        string tag = BatchApi.NewTag();
        Uri[] urls =
            [service.Site.FeedItem(21), service.Site.SlowTagged("media/long.mp4", tag, 1), service.Site.FeedItem(22)];
        JsonElement created = await service.CreateAsync("/api/v1/batch/download", new { urls, concurrent_limit = 1 });
        string batchId = created.GetProperty("batch_id").GetString()!;
        string slow = created.Jobs()[1].GetProperty("request_id").GetString()!;
        await service.WaitForJobAsync(
            slow, j => j.GetProperty("progress_percent").GetDouble() > 0, TimeSpan.FromSeconds(60));

        // Act
        using HttpResponseMessage cancel = await service.Http.DeleteAsync($"/api/v1/download/{slow}");
        JsonElement batch = await service.WaitForBatchFinishAsync(batchId);

        // Assert: the batch went on to the third job; it ends cancelled, as nothing failed and not all completed.
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(new string?[] { "completed", "cancelled", "completed" }, batch.JobValues("status"));
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(slow, TimeSpan.FromSeconds(10)));
    }
}
